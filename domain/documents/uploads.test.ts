import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkUpload, checkZipEntries, DEFAULT_UPLOAD_LIMITS, formatBytes, isUnsafeEntryName, uploadHint, type ZipEntry } from './uploads.js';

const MB = 1024 * 1024;
const entry = (name: string, compressedSize: number, uncompressedSize: number): ZipEntry => ({ name, compressedSize, uncompressedSize });
const docx = [entry('[Content_Types].xml', 400, 1500), entry('word/document.xml', 30_000, 250_000), entry('word/media/image1.png', 900_000, 910_000)];
const code = (entries: ZipEntry[], limits = DEFAULT_UPLOAD_LIMITS) => checkZipEntries(entries, limits)?.code ?? null;

test('default limits: 20 MB, PDF/DOCX/XLSX/ODT/JPEG/PNG', () => {
  assert.equal(DEFAULT_UPLOAD_LIMITS.maxBytes, 20 * MB);
  assert.deepEqual([...DEFAULT_UPLOAD_LIMITS.allowedKinds], ['pdf', 'docx', 'xlsx', 'odt', 'jpeg', 'png']);
  assert.equal(uploadHint(), 'PDF, DOCX, XLSX, ODT, JPG, PNG — до 20 МБ');
  assert.equal(formatBytes(1.5 * MB), '1,5 МБ');
  assert.equal(formatBytes(300 * 1024), '300 КБ');
});

test('upload: size and kind by content', () => {
  assert.equal(checkUpload({ size: 5 * MB, kind: 'pdf' }), null);
  assert.equal(checkUpload({ size: 20 * MB, kind: 'png' }), null);
  assert.deepEqual(checkUpload({ size: 20 * MB + 1, kind: 'pdf' }), { code: 'too_large', message: 'Файл больше 20 МБ' });
  assert.equal(checkUpload({ size: 0, kind: 'pdf' })?.code, 'empty');
  assert.deepEqual(checkUpload({ size: 10, kind: null }), { code: 'kind_not_allowed', message: 'Допустимые форматы: PDF, DOCX, XLSX, ODT, JPG, PNG' });
  const pdfOnly = { maxBytes: MB, allowedKinds: ['pdf'] as const };
  assert.equal(checkUpload({ size: 10, kind: 'docx' }, pdfOnly)?.message, 'Допустимые форматы: PDF');
  assert.equal(checkUpload({ size: 2 * MB, kind: 'pdf' }, pdfOnly)?.message, 'Файл больше 1 МБ');
});

test('zip: an ordinary document passes', () => {
  assert.equal(code(docx), null);
  assert.equal(code([]), null);
  // small entries may compress very well
  assert.equal(code([entry('word/styles.xml', 100, MB)]), null);
});

test('zip: bombs and traversal are refused', () => {
  assert.equal(code([entry('word/document.xml', 1000, MB + 1)]), 'zip_ratio');
  assert.equal(code([entry('word/document.xml', 0, 2 * MB)]), 'zip_ratio');
  assert.equal(code([entry('a.xml', 20_000, 2_000_000)]), null); // ratio exactly 100 is allowed
  assert.equal(code([entry('a.xml', 19_999, 2_000_000)]), 'zip_ratio');
  const big = Array.from({ length: 3 }, (_, i) => entry(`part${i}.bin`, 70 * MB, 70 * MB));
  assert.equal(code(big), 'zip_too_large');
  assert.equal(code(big.slice(0, 2)), null);
  const many = Array.from({ length: 5001 }, (_, i) => entry(`f${i}.xml`, 10, 10));
  assert.equal(code(many), 'zip_too_many_entries');
  assert.equal(code(many.slice(0, 5000)), null);
  assert.equal(code([...docx, entry('../../etc/passwd', 1, 1)]), 'zip_unsafe_name');
  assert.equal(code([entry('word/document.xml', -1, 10)]), 'zip_bad_size');
  assert.equal(code([entry('word/document.xml', 1, Number.NaN)]), 'zip_bad_size');
  assert.match(checkZipEntries([entry('/abs', 1, 1)])!.message, /недопустимое имя части «\/abs»/);
  const tight = { zip: { ...DEFAULT_UPLOAD_LIMITS.zip, maxEntries: 2 } };
  assert.equal(code(docx, { ...DEFAULT_UPLOAD_LIMITS, ...tight }), 'zip_too_many_entries');
});

test('unsafe entry names', () => {
  for (const name of ['../x', 'a/../../x', 'a\\..\\x', '/etc/passwd', '\\share\\x', 'C:/x', 'c:x', '', 'a\0b', '..']) {
    assert.equal(isUnsafeEntryName(name), true, JSON.stringify(name));
  }
  for (const name of ['word/document.xml', '[Content_Types].xml', 'a..b/c', 'Pictures/..png', 'dir/', 'mimetype']) {
    assert.equal(isUnsafeEntryName(name), false, name);
  }
});
