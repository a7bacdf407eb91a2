// Roadmap indicators bound to live measures: PUT …/items/:itemId/measure and measureValue in GET /api/roadmaps/:id,
// checked against hand-made data in a cycle of its own (2032): three selected schools, one visited by its curator.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { curatorVisits, cycles, cycleSchools, roadmapItems } from '../../db/schema.js';
import { createTestApp, type Client, type TestContext } from '../../test/harness.js';
import { demoIds, SAMPLE_ITEMS, type DemoIds } from './test-support.js';

describe('roadmap measures', () => {
  let t: TestContext;
  let ids: DemoIds;
  let cycleId: number;
  let region57: Client;
  let kromy: Client;
  let observer: Client;

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    ids = await demoIds(db);
    const [cycle] = await db.insert(cycles).values({ year: 2032, title: 'Проект 500+ — 2032', status: 'planned' }).returning();
    cycleId = cycle!.id;
    for (const schoolId of [ids.school1Id, ids.school2Id, ids.livnySchoolId]) await db.insert(cycleSchools).values({ cycleId, schoolId });
    await db.insert(curatorVisits).values({ cycleId, schoolId: ids.school1Id, visitedOn: '2032-03-01', format: 'onsite' });
    [region57, kromy, observer] = await Promise.all([t.as('region57'), t.as('mo-kromy'), t.as('observer57')]);
  });
  after(() => t.close());

  const create = async (client: Client, body: Record<string, unknown>) => {
    const res = await client.post('/api/roadmaps', { cycleId, title: 'Дорожная карта', orderAuthority: '', orderNumber: '', orderDate: null, items: SAMPLE_ITEMS, ...body });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().roadmap.id as number;
  };
  const itemsOf = async (client: Client, id: number) => (await client.get(`/api/roadmaps/${id}`)).json().items as { id: number; measure: string | null; measureValue?: unknown }[];

  test('a bound item shows the live value for the roadmap’s territory', async () => {
    const regional = await create(region57, { level: 'regional', regionId: ids.regionId });
    const [first, second] = await itemsOf(region57, regional);
    assert.equal(first!.measure, null);
    assert.equal(first!.measureValue, undefined);

    const res = await region57.put(`/api/roadmaps/${regional}/items/${first!.id}/measure`, { measure: 'visited' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { item: { id: first!.id, measure: 'visited' } });
    const [stored] = await t.database.db.select().from(roadmapItems).where(eq(roadmapItems.id, first!.id));
    assert.equal(stored!.measure, 'visited');

    const items = await itemsOf(region57, regional);
    assert.deepEqual(items[0]!.measureValue, { value: 33.3, numerator: 1, denominator: 3 });
    assert.equal(items[1]!.measureValue, undefined);

    // the municipal roadmap counts its municipality's schools
    const municipal = await create(kromy, { level: 'municipal', regionId: ids.regionId, municipalityId: ids.kromyId });
    const [m] = await itemsOf(kromy, municipal);
    assert.equal((await kromy.put(`/api/roadmaps/${municipal}/items/${m!.id}/measure`, { measure: 'visited' })).statusCode, 200);
    assert.deepEqual((await itemsOf(kromy, municipal))[0]!.measureValue, { value: 50, numerator: 1, denominator: 2 });

    // readers see the value too; unbinding removes it
    assert.deepEqual((await itemsOf(observer, regional))[0]!.measureValue, { value: 33.3, numerator: 1, denominator: 3 });
    assert.equal((await region57.put(`/api/roadmaps/${regional}/items/${first!.id}/measure`, { measure: null })).statusCode, 200);
    assert.equal((await itemsOf(region57, regional))[0]!.measureValue, undefined);
    void second;
  });

  test('unknown codes, foreign items and non-editors are refused', async () => {
    // the regional roadmap of the first test (one per region and cycle)
    const regional = (await region57.get(`/api/roadmaps?cycleId=${cycleId}&level=regional`)).json().items[0].id as number;
    const [item] = await itemsOf(region57, regional);
    const bad = await region57.put(`/api/roadmaps/${regional}/items/${item!.id}/measure`, { measure: 'roadmap_stage_1' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.fields[0].path, 'measure');
    assert.equal((await region57.put(`/api/roadmaps/${regional}/items/999999/measure`, { measure: 'visited' })).statusCode, 404);
    assert.equal((await observer.put(`/api/roadmaps/${regional}/items/${item!.id}/measure`, { measure: 'visited' })).statusCode, 403);
    assert.equal((await kromy.put(`/api/roadmaps/${regional}/items/${item!.id}/measure`, { measure: 'visited' })).statusCode, 403);
  });
});
