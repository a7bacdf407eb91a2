import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from '../access/policy.js';
import { canEditRoadmap, canReadRoadmap, isOwner, isReviewer, type RoadmapOwner } from './access.js';

const actor = (role: Actor['role'], b: Partial<Actor> = {}): Actor => ({
  userId: 1,
  role,
  regionId: null,
  municipalityId: null,
  schoolId: null,
  curatedSchools: [],
  ...b,
});
const regional: RoadmapOwner = { level: 'regional', regionId: 1, municipalityId: null, schoolId: null };
const municipal: RoadmapOwner = { level: 'municipal', regionId: 1, municipalityId: 10, schoolId: null };
const otherMunicipal: RoadmapOwner = { level: 'municipal', regionId: 1, municipalityId: 11, schoolId: null };
const school: RoadmapOwner = { level: 'school', regionId: 1, municipalityId: 10, schoolId: 100 };
const foreign: RoadmapOwner = { level: 'municipal', regionId: 2, municipalityId: 20, schoolId: null };

const region1 = actor('regional_coordinator', { regionId: 1 });
const mo10 = actor('municipal_coordinator', { regionId: 1, municipalityId: 10 });
const school100 = actor('school', { regionId: 1, municipalityId: 10, schoolId: 100 });
const curator100 = actor('curator', { regionId: 1, curatedSchools: [{ regionId: 1, municipalityId: 10, schoolId: 100 }] });

test('reading: own territory and the levels above it, never another territory', () => {
  assert.equal(canReadRoadmap(mo10, regional), true);
  assert.equal(canReadRoadmap(mo10, municipal), true);
  assert.equal(canReadRoadmap(mo10, otherMunicipal), false);
  assert.equal(canReadRoadmap(school100, municipal), true);
  assert.equal(canReadRoadmap(school100, regional), true);
  assert.equal(canReadRoadmap(school100, otherMunicipal), false);
  assert.equal(canReadRoadmap(region1, foreign), false);
  assert.equal(canReadRoadmap(curator100, school), true);
  assert.equal(canReadRoadmap(actor('federal_coordinator'), foreign), true);
});

test('editing: owner or a coordinator above; a municipality cannot edit the regional plan', () => {
  assert.equal(canEditRoadmap(region1, regional), true);
  assert.equal(canEditRoadmap(region1, municipal), true);
  assert.equal(canEditRoadmap(region1, foreign), false);
  assert.equal(canEditRoadmap(mo10, municipal), true);
  assert.equal(canEditRoadmap(mo10, regional), false);
  assert.equal(canEditRoadmap(mo10, otherMunicipal), false);
  assert.equal(canEditRoadmap(mo10, school), true);
  assert.equal(canEditRoadmap(school100, school), true);
  assert.equal(canEditRoadmap(school100, municipal), false);
  assert.equal(canEditRoadmap(curator100, school), false);
  assert.equal(canEditRoadmap(actor('observer', { regionId: 1 }), regional), false);
});

test('marks by the owner, confirmation by the level above', () => {
  assert.equal(isOwner(mo10, municipal), true);
  assert.equal(isOwner(region1, municipal), false);
  assert.equal(isReviewer(region1, municipal), true);
  assert.equal(isReviewer(region1, foreign), false);
  assert.equal(isReviewer(mo10, municipal), false);
  assert.equal(isReviewer(curator100, school), true);
  assert.equal(isReviewer(curator100, { ...school, schoolId: 101 }), false);
  assert.equal(isReviewer(actor('federal_coordinator'), regional), true);
  assert.equal(isOwner(school100, school), true);
});
