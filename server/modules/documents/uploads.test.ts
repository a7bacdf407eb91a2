// Upload tests of school documents with a 1 MB limit (MEDK_UPLOAD_MAX_MB): the type comes from the content, names are
// sanitised, ZIP-based files have their directory checked (zip bomb, traversal names), and a refused or interrupted
// upload leaves no row and no file.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import JSZip from 'jszip';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';
import { multipart } from '../../test/multipart.js';
import { setToday } from '../monitoring/clock.js';
import { demoIds, EXE, footprint, PDF, uploadTo, type DemoIds, type DocumentView } from './test-support.js';

const MB = 1024 * 1024;

async function docx(extra: (zip: JSZip) => void = () => undefined): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('word/document.xml', '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>');
  extra(zip);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

describe('document uploads', () => {
  let t: TestContext;
  let ids: DemoIds;
  let school1: Client;
  let kromy: Client;
  const dataDir = mkdtempSync(join(tmpdir(), 'medk-documents-'));

  const expectNothingLeft = async (res: { statusCode: number; body: string }, before: Awaited<ReturnType<typeof footprint>>, message: RegExp) => {
    assert.equal(res.statusCode, 400, res.body);
    assert.match((JSON.parse(res.body) as { error: { message: string } }).error.message, message);
    assert.match(res.body, /"path":"file"/);
    assert.deepEqual(await footprint(t.database.db, dataDir), before, 'no row and no file is left behind');
  };

  before(async () => {
    setToday('2026-03-01');
    t = await createTestApp({ config: { uploadMaxMb: 1, dataDir } });
    ids = await demoIds(t.database.db);
    [school1, kromy] = await Promise.all([t.as('school1'), t.as('mo-kromy')]);
  });
  after(async () => {
    setToday(null);
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a file over the configured limit is refused; the first refused upload does not even create the document', async () => {
    const before = await footprint(t.database.db, dataDir);
    const big = Buffer.concat([PDF, Buffer.alloc(Math.round(1.5 * MB), 0x20)]);
    const res = await uploadTo(school1, ids.school1Id, 'concept', 'большой.pdf', big);
    await expectNothingLeft(res, before, /больше 1 МБ/);
    assert.equal((await school1.get(`/api/documents/schools/${ids.school1Id}`)).json().slots[0].document, null);
  });

  test('a Windows program renamed .pdf and an empty file are refused', async () => {
    const before = await footprint(t.database.db, dataDir);
    await expectNothingLeft(await uploadTo(school1, ids.school1Id, 'concept', 'Концепция.pdf', EXE), before, /не принимается/);
    await expectNothingLeft(await uploadTo(school1, ids.school1Id, 'concept', 'пусто.pdf', Buffer.alloc(0)), before, /пустой/);
    const zip = new JSZip();
    zip.file('readme.txt', 'просто архив');
    const plainZip = await zip.generateAsync({ type: 'nodebuffer' });
    await expectNothingLeft(await uploadTo(school1, ids.school1Id, 'concept', 'Концепция.docx', plainZip), before, /не принимается/);
  });

  test('a path-traversal file name is sanitised; the extension follows the content', async () => {
    const res = await uploadTo(school1, ids.school1Id, 'concept', '../../etc/passwd/..\\Концепция развития.PDF', PDF);
    assert.equal(res.statusCode, 201, res.body);
    const doc = (res.json() as { document: DocumentView }).document;
    assert.equal(doc.files[0]!.name, 'Концепция развития.pdf');

    const word = await uploadTo(school1, ids.school1Id, 'concept', 'программа.pdf', await docx());
    assert.equal(word.statusCode, 201, word.body);
    const v2 = (word.json() as { document: DocumentView }).document.files[0]!;
    assert.deepEqual([v2.number, v2.name, v2.mime], [2, 'программа.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']);
    const read = await kromy.get(`/api/files/${v2.fileId}`);
    assert.equal(read.statusCode, 200);
  });

  test('a DOCX zip bomb and a DOCX with a traversal entry name are refused by their central directory', async () => {
    const before = await footprint(t.database.db, dataDir);
    const bomb = await docx((zip) => zip.file('word/media/image1.bin', Buffer.alloc(8 * MB)));
    assert.ok(bomb.length < MB, `the bomb itself is small: ${bomb.length}`);
    await expectNothingLeft(await uploadTo(school1, ids.school1Id, 'midterm_programme', 'Программа.docx', bomb), before, /сжата подозрительно сильно/);

    const traversal = await docx((zip) => zip.file('../../evil.sh', '#!/bin/sh\nrm -rf /\n'));
    await expectNothingLeft(await uploadTo(school1, ids.school1Id, 'midterm_programme', 'Программа.docx', traversal), before, /недопустимое имя части/);

    // a directory declaring a huge size for a tiny entry (hand-patched central directory)
    const honest = await docx((zip) => zip.file('word/styles.xml', 'x'.repeat(2000)));
    const liar = Buffer.from(honest);
    const cd = liar.lastIndexOf(Buffer.from('word/styles.xml')) - 46;
    assert.equal(liar.readUInt32LE(cd), 0x02014b50, 'central directory header found');
    liar.writeUInt32LE(300 * MB, cd + 24); // uncompressed size
    await expectNothingLeft(await uploadTo(school1, ids.school1Id, 'midterm_programme', 'Программа.docx', liar), before, /повреждён или небезопасен/);
  });

  test('an interrupted upload (the multipart body cut short) leaves no half-written record or file', async () => {
    const before = await footprint(t.database.db, dataDir);
    const content = Buffer.concat([PDF, Buffer.alloc(200 * 1024, 0x41)]);
    const { payload, headers } = multipart({ name: 'Дорожная карта.pdf', content });
    const cut = payload.subarray(0, payload.length - 100 * 1024);
    const res = await school1.request('POST', `/api/documents/schools/${ids.school1Id}/slots/school_roadmap/files`, cut, headers);
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.body, /передан не полностью/);
    assert.deepEqual(await footprint(t.database.db, dataDir), before);
    const list = (await school1.get(`/api/documents/schools/${ids.school1Id}`)).json() as { slots: { key: string; document: unknown }[] };
    assert.equal(list.slots.find((s) => s.key === 'school_roadmap')!.document, null);
  });

  test('only the school uploads; a wrong slot is 404; not a multipart request is 400', async () => {
    const before = await footprint(t.database.db, dataDir);
    assert.equal((await uploadTo(kromy, ids.school1Id, 'concept', 'a.pdf', PDF)).statusCode, 403);
    assert.equal((await uploadTo(school1, ids.school2Id, 'concept', 'a.pdf', PDF)).statusCode, 404);
    assert.equal((await uploadTo(school1, ids.school1Id, 'antirisk_programme:low_motivation', 'a.pdf', PDF)).statusCode, 404);
    assert.equal((await uploadTo(school1, ids.school1Id, 'Concept!', 'a.pdf', PDF)).statusCode, 400);
    assert.equal((await school1.post(`/api/documents/schools/${ids.school1Id}/slots/concept/files`, {})).statusCode, 400);
    assert.deepEqual(await footprint(t.database.db, dataDir), before);
  });
});
