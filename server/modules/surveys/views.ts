// Response shapes of the surveys API (docs/surveys-api.md, «Types»).
import type { Actor } from '../../../domain/access/policy.js';
import {
  campaignStatus,
  DEFAULT_ACTIVATION_RULES,
  expectedCounts,
  INSTRUMENT_LABELS,
  schoolCompletion,
  SCHOOL_INSTRUMENTS,
  type ActivationRules,
  type CampaignStatus,
  type ExpectedCounts,
  type InstrumentCode,
  type SchoolCompletion,
  type SchoolFacts,
  type SchoolInstrumentCode,
} from '../../../domain/surveys/index.js';
import { canEditCampaign } from './access.js';
import type * as q from './queries.js';

export const FEDERAL_TERRITORY = 'Российская Федерация';

export interface Campaign {
  id: number;
  cycleId: number;
  year: number;
  regionId: number | null;
  territory: string;
  title: string;
  opensOn: string;
  closesOn: string;
  closedAt: string | null;
  status: CampaignStatus;
  methodologyVersion: number;
  instrumentVersions: Record<InstrumentCode, number>;
  activationRules: ActivationRules;
  profilesComputedAt: string | null;
  version: number;
  schoolCount: number;
  can: { edit: boolean; compute: boolean };
}

export interface Facts {
  teachers: number | null;
  students6: number | null;
  students9: number | null;
  parents: number | null;
}

export interface SchoolRow {
  schoolId: number;
  code: string;
  name: string;
  municipality: string;
  facts: Facts;
  completion: SchoolCompletion;
  profileId: number | null;
  verification: 'pending' | 'verified' | 'disputed' | null;
}

export interface Link {
  instrument: InstrumentCode;
  title: string;
  code: string;
  url: string;
  received: number;
  drafts: number;
  maxResponses: number;
  revoked: boolean;
}

export const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function activationRulesOf(stored: Record<string, unknown>): ActivationRules {
  return { ...DEFAULT_ACTIVATION_RULES, ...(stored as Partial<ActivationRules>) };
}

export function campaignView(c: q.CampaignRow, schoolCount: number, actor: Actor, now: Date): Campaign {
  const edit = canEditCampaign(actor, c.regionId);
  return {
    id: c.id,
    cycleId: c.cycleId,
    year: c.year,
    regionId: c.regionId,
    territory: c.regionId === null ? FEDERAL_TERRITORY : (c.territory ?? ''),
    title: c.title,
    opensOn: c.opensOn,
    closesOn: c.closesOn,
    closedAt: iso(c.closedAt),
    status: campaignStatus({ opensOn: c.opensOn, closesOn: c.closesOn, closedAt: c.closedAt }, now),
    methodologyVersion: c.methodologyVersion,
    instrumentVersions: c.instrumentVersions as Record<InstrumentCode, number>,
    activationRules: activationRulesOf(c.activationRules),
    profilesComputedAt: iso(c.profilesComputedAt),
    version: c.version,
    schoolCount,
    can: { edit, compute: edit },
  };
}

export function factsOf(row: Facts): SchoolFacts {
  const facts: SchoolFacts = {};
  if (row.teachers !== null) facts.teachers = row.teachers;
  if (row.students6 !== null) facts.students6 = row.students6;
  if (row.students9 !== null) facts.students9 = row.students9;
  if (row.parents !== null) facts.parents = row.parents;
  return facts;
}

export function expectedOf(row: Facts): ExpectedCounts {
  return expectedCounts(factsOf(row));
}

/** Flood cap of a code (docs: expected × 1.5 + 5; 300 while unknown; the director 3; curator candidates 500). */
export function capOf(instrument: InstrumentCode, expected: ExpectedCounts | null): number {
  if (instrument === 'director') return 3;
  if (instrument === 'curator_candidate') return 500;
  const n = expected?.[instrument as SchoolInstrumentCode] ?? null;
  return n === null ? 300 : Math.ceil(n * 1.5) + 5;
}

export function schoolRowView(row: q.SchoolRowData, counts: Map<string, q.Counts>, countKey: (s: number, i: string) => string): SchoolRow {
  const received: Partial<Record<SchoolInstrumentCode, number>> = {};
  for (const i of SCHOOL_INSTRUMENTS) received[i] = counts.get(countKey(row.schoolId, i))?.submitted ?? 0;
  const facts: Facts = { teachers: row.teachers, students6: row.students6, students9: row.students9, parents: row.parents };
  return {
    schoolId: row.schoolId,
    code: row.code,
    name: row.name,
    municipality: row.municipality,
    facts,
    completion: schoolCompletion(expectedOf(facts), received),
    profileId: row.profileId,
    verification: row.verification,
  };
}

export function linkView(link: q.LinkRow, titles: Map<string, string>, counts: q.Counts | undefined): Link {
  return {
    instrument: link.instrument,
    title: titles.get(link.instrument) ?? INSTRUMENT_LABELS[link.instrument],
    code: link.code,
    url: `/s/${link.code}`,
    received: counts?.submitted ?? 0,
    drafts: counts?.drafts ?? 0,
    maxResponses: link.maxResponses,
    revoked: link.revokedAt !== null,
  };
}
