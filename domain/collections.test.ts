import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupBy } from './collections.js';

test('groupBy keeps the items of a group and the groups in order of first appearance', () => {
  const grouped = groupBy([{ k: 2, v: 'a' }, { k: 1, v: 'b' }, { k: 2, v: 'c' }], (i) => i.k);
  assert.deepEqual([...grouped.keys()], [2, 1]);
  assert.deepEqual(grouped.get(2)?.map((i) => i.v), ['a', 'c']);
  assert.equal(grouped.get(3), undefined);
});
