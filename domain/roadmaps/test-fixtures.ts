// Test helper: reads the order exports in /work/shared/fixtures/roadmaps (read-only).
import { readFileSync } from 'node:fs';
import { parseRoadmapDocument, type RoadmapDocument } from './document.js';

const DIR = new URL('../../../shared/fixtures/roadmaps/', import.meta.url);

export const FIXTURES = ['kaluga-2021.txt', 'kromskoy-2022.txt', 'leninsky-eao-2021.txt'] as const;
export type FixtureName = (typeof FIXTURES)[number];

export function fixtureText(name: FixtureName): string {
  return readFileSync(new URL(name, DIR), 'utf8');
}

const cache = new Map<FixtureName, RoadmapDocument>();

export function fixtureDocument(name: FixtureName): RoadmapDocument {
  let doc = cache.get(name);
  if (!doc) {
    doc = parseRoadmapDocument(fixtureText(name));
    cache.set(name, doc);
  }
  return doc;
}
