// `medk synth --answers`: the questionnaire year on top of the synthetic territories — per region a campaign over the
// selected schools (respondent codes per school × instrument, as SurveysService.create makes them), school facts,
// submitted answers, risk profiles computed by computeCampaignProfiles, verified profiles with activated directions,
// curator visits and school documents (metadata; every version points to one of a few small shared stored files).
// Everything comes from seeded streams (domain/documents/sampling seededRandom) and fixed dates of the project year,
// so the same seed gives the same rows. Rows go in with multi-row INSERTs of BATCH_ROWS.
import { createHash } from 'node:crypto';
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import { seededRandom } from '../../domain/documents/sampling.js';
import {
  DEFAULT_INSTRUMENTS,
  DEFAULT_METHODOLOGY,
  formatRespondentCode,
  INSTRUMENT_CODES,
  RESPONDENT_CODE_BYTES,
  SCHOOL_INSTRUMENTS,
  suggestedDirections,
  type FactorCode,
  type RiskProfile,
  type SchoolInstrumentCode,
} from '../../domain/surveys/index.js';
import type { Tx } from '../db/client.js';
import {
  campaignSchools,
  curatorVisits,
  documentEvents,
  documentVersions,
  respondentLinks,
  riskDirections,
  riskProfiles,
  schoolDocuments,
  storedFiles,
  surveyCampaigns,
  surveyResponses,
} from '../db/schema.js';
import { syntheticAnswers } from '../demo/answers.js';
import { computeCampaignProfiles } from '../modules/risk-profiles/compute.js';
import { ensureSurveyDefaults } from '../modules/surveys/defaults.js';
import { capOf, expectedOf } from '../modules/surveys/views.js';
import type { FileStorage } from '../storage/index.js';
import type { Io } from './cli.js';
import { Progress } from './progress.js';

/** Submitted answers per school and instrument (`--respondents N` sets the four respondent groups). */
export const DEFAULT_ANSWERS: Readonly<Record<SchoolInstrumentCode, number>> = { director: 1, teachers: 5, students6: 5, students9: 5, parents: 5 };
/** Share of schools that have not started (no facts, no answers): they show up as lagging. */
const NOT_STARTED = 0.05;

export interface AnswersRegion {
  id: number;
  code: string;
  name: string;
  coordinatorId: number | null;
}

export interface AnswersSchool {
  id: number;
  code: string;
  regionIndex: number;
  teachers: number;
  classes6: number;
  classes9: number;
  curatorId: number | null;
  accountId: number | null;
}

export interface AnswersInput {
  seed: number;
  year: number;
  cycleId: number;
  regions: AnswersRegion[];
  /** Schools selected into the cycle, in a stable order. */
  schools: AnswersSchool[];
  stages: { id: number; number: number; measuredOn: string }[];
  answers: Record<SchoolInstrumentCode, number>;
  /** Where the shared document files are written (once); without it only their rows are made. */
  storage?: FileStorage;
  batchRows: number;
  quiet: boolean;
  timings: { stage: string; rows: number; ms: number }[];
  counts: Record<string, number>;
}

const DAY = 86_400_000;
/** A fixed instant of the project year: month (1–12), day, hour and minute in Moscow time (UTC+3). */
function at(year: number, month: number, day: number, hour = 10, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour - 3, minute));
}
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

async function batched<R>(
  io: Io,
  input: AnswersInput,
  label: string,
  rows: R[],
  insert: (chunk: R[]) => Promise<unknown>,
): Promise<void> {
  const progress = new Progress(io, label, rows.length, input.quiet);
  for (let i = 0; i < rows.length; i += input.batchRows) {
    const chunk = rows.slice(i, i + input.batchRows);
    await insert(chunk);
    progress.tick(chunk.length);
  }
  input.timings.push({ stage: label, rows: rows.length, ms: progress.finish() });
  input.counts[label] = rows.length;
}

/** A small valid one-page PDF with an ASCII title (the shared content of the synthetic documents). */
export function tinyPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const SHARED_FILES = [
  { key: 'concept', name: 'Концепция развития школы.pdf', title: 'School development concept (synthetic)' },
  { key: 'midterm_programme', name: 'Среднесрочная программа развития.pdf', title: 'Medium-term development programme (synthetic)' },
  { key: 'school_roadmap', name: 'Дорожная карта школы.pdf', title: 'School roadmap (synthetic)' },
  { key: 'antirisk_programme', name: 'Антирисковая программа.pdf', title: 'Anti-risk programme (synthetic)' },
  { key: 'evidence', name: 'Подтверждающие документы.pdf', title: 'Evidence (synthetic)' },
] as const;

const VISIT_NOTES = [
  'Знакомство с командой школы, обсуждение рискового профиля',
  'Посещение уроков, беседа с заместителем директора по учебной работе',
  'Обсуждение антирисковых программ и плана мероприятий',
  'Методическое совещание с учителями',
  'Проверка выполнения дорожной карты',
  '',
];
const RETURN_COMMENTS = [
  'Не указаны показатели и сроки мероприятий',
  'Документ не подписан директором',
  'Загружена прошлогодняя редакция, нужна актуальная',
  'Цели не связаны с выявленными рисками',
];

function values(rows: SQL[]): SQL {
  return sql.join(rows, sql`, `);
}

export async function synthesizeAnswers(io: Io, tx: Tx, input: AnswersInput): Promise<void> {
  const { year, cycleId, seed } = input;
  const stream = (name: string) => seededRandom(seed, `answers:${name}`);
  await ensureSurveyDefaults(tx);

  // ——— campaigns: one per region, over its selected schools ———
  const instrumentVersions: Record<string, number> = {};
  for (const code of INSTRUMENT_CODES) instrumentVersions[code] = DEFAULT_INSTRUMENTS[code].version;
  const campaignIds: number[] = [];
  await batched(io, input, 'survey_campaigns', input.regions, async (chunk) => {
    const rows = await tx
      .insert(surveyCampaigns)
      .values(
        chunk.map((r) => ({
          cycleId,
          regionId: r.id,
          title: `Анкетирование участников образовательных отношений — ${year}: ${r.name}`,
          opensOn: `${year}-02-01`,
          closesOn: `${year}-03-15`,
          methodologyVersion: DEFAULT_METHODOLOGY.version,
          instrumentVersions,
          activationRules: {},
          createdBy: r.coordinatorId,
          createdAt: at(year, 1, 25),
        })),
      )
      .returning({ id: surveyCampaigns.id, regionId: surveyCampaigns.regionId });
    const byRegion = new Map(rows.map((r) => [r.regionId, r.id]));
    for (const r of chunk) campaignIds.push(byRegion.get(r.id) as number);
  });
  const campaignOf = (s: AnswersSchool) => campaignIds[s.regionIndex] as number;

  // ——— school facts ———
  const factsRandom = stream('facts');
  const plans = input.schools.map((s) => {
    const started = factsRandom() >= NOT_STARTED;
    const facts = started
      ? {
          teachers: s.teachers,
          students6: s.classes6 * (18 + Math.floor(factsRandom() * 11)),
          students9: s.classes9 * (16 + Math.floor(factsRandom() * 11)),
          parents: null as number | null,
        }
      : null;
    return { school: s, started, facts };
  });
  await batched(io, input, 'campaign_schools', plans, (chunk) =>
    tx.insert(campaignSchools).values(
      chunk.map(({ school, facts }) => ({
        campaignId: campaignOf(school),
        schoolId: school.id,
        teachers: facts?.teachers ?? null,
        students6: facts?.students6 ?? null,
        students9: facts?.students9 ?? null,
        parents: facts?.parents ?? null,
        factsUpdatedAt: facts ? at(year, 2, 3) : null,
      })),
    ),
  );

  // ——— respondent codes: per school × instrument, and one curator-candidate code per campaign ———
  const codeRandom = stream('codes');
  const usedCodes = new Set<string>();
  const newCode = () => {
    for (;;) {
      const bytes = new Uint8Array(RESPONDENT_CODE_BYTES);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(codeRandom() * 256);
      const code = formatRespondentCode(bytes);
      if (!usedCodes.has(code)) {
        usedCodes.add(code);
        return code;
      }
    }
  };
  type LinkPlan = typeof respondentLinks.$inferInsert & { code: string; plan?: (typeof plans)[number] };
  const links: LinkPlan[] = [];
  for (const plan of plans) {
    const expected = plan.facts ? expectedOf(plan.facts) : null;
    for (const instrument of SCHOOL_INSTRUMENTS) {
      links.push({ campaignId: campaignOf(plan.school), schoolId: plan.school.id, instrument, code: newCode(), maxResponses: capOf(instrument, expected), createdAt: at(year, 1, 25), plan });
    }
  }
  campaignIds.forEach((campaignId) =>
    links.push({ campaignId, schoolId: null, instrument: 'curator_candidate', code: newCode(), maxResponses: capOf('curator_candidate', null), createdAt: at(year, 1, 25) }),
  );
  const linkIds = new Map<string, number>();
  await batched(io, input, 'respondent_links', links, async (chunk) => {
    const rows = await tx
      .insert(respondentLinks)
      .values(chunk.map(({ plan: _plan, ...l }) => l))
      .returning({ id: respondentLinks.id, code: respondentLinks.code });
    for (const r of rows) linkIds.set(r.code, r.id);
  });

  // ——— submitted answers, generated batch by batch (bounded memory at national scale) ———
  const answerRandom = stream('responses');
  const perSchool = SCHOOL_INSTRUMENTS.reduce((n, i) => n + input.answers[i], 0);
  const answering = plans.filter((p) => p.started);
  const responseProgress = new Progress(io, 'survey_responses', answering.length * perSchool, input.quiet);
  let buffer: (typeof surveyResponses.$inferInsert)[] = [];
  const flush = async () => {
    if (!buffer.length) return;
    await tx.insert(surveyResponses).values(buffer);
    responseProgress.tick(buffer.length);
    buffer = [];
  };
  const tendencies = new Map<number, number>();
  for (const link of links) {
    const plan = link.plan;
    if (!plan?.started) continue;
    const instrument = link.instrument as SchoolInstrumentCode;
    let tendency = tendencies.get(plan.school.id);
    if (tendency === undefined) tendencies.set(plan.school.id, (tendency = 0.1 + answerRandom() * 0.8));
    for (let k = 0; k < input.answers[instrument]; k++) {
      const submittedAt = new Date(at(year, 2, 1, 8).getTime() + Math.floor(answerRandom() * 42 * DAY));
      buffer.push({
        linkId: linkIds.get(link.code) as number,
        campaignId: link.campaignId,
        schoolId: plan.school.id,
        instrument,
        instrumentVersion: DEFAULT_INSTRUMENTS[instrument].version,
        answers: syntheticAnswers(DEFAULT_INSTRUMENTS[instrument], tendency, answerRandom),
        status: 'submitted',
        tokenHash: createHash('sha256').update(`synth:${link.code}:${k}`).digest('hex'),
        startedAt: new Date(submittedAt.getTime() - (5 + Math.floor(answerRandom() * 20)) * 60_000),
        updatedAt: submittedAt,
        submittedAt,
      });
      if (buffer.length >= input.batchRows) await flush();
    }
  }
  await flush();
  input.timings.push({ stage: 'survey_responses', rows: answering.length * perSchool, ms: responseProgress.finish() });
  input.counts.survey_responses = answering.length * perSchool;

  // ——— risk profiles: computeCampaignProfiles per campaign, at a fixed instant ———
  const computedAt = at(year, 3, 16);
  const profileProgress = new Progress(io, 'risk_profiles', plans.length, input.quiet);
  for (let r = 0; r < campaignIds.length; r++) {
    const campaignId = campaignIds[r] as number;
    const { computed } = await computeCampaignProfiles(tx, campaignId);
    await tx.update(riskProfiles).set({ computedAt }).where(eq(riskProfiles.campaignId, campaignId));
    await tx.update(surveyCampaigns).set({ profilesComputedAt: computedAt }).where(eq(surveyCampaigns.id, campaignId));
    profileProgress.tick(computed);
  }
  input.timings.push({ stage: 'risk_profiles', rows: plans.length, ms: profileProgress.finish() });
  input.counts.risk_profiles = plans.length;

  // ——— verification by the curator, activated directions ———
  const verifyRandom = stream('verification');
  const schoolById = new Map(input.schools.map((s) => [s.id, s]));
  const verifications: SQL[] = [];
  const directions: (typeof riskDirections.$inferInsert)[] = [];
  const activated = new Map<number, FactorCode[]>();
  const verifyProgress = new Progress(io, 'verification', plans.length, input.quiet);
  for (const campaignId of campaignIds) {
    const profiles = await tx
      .select({ id: riskProfiles.id, schoolId: riskProfiles.schoolId, result: riskProfiles.result })
      .from(riskProfiles)
      .where(eq(riskProfiles.campaignId, campaignId))
      .orderBy(asc(riskProfiles.schoolId));
    for (const p of profiles) {
      const school = schoolById.get(p.schoolId);
      const answered = (p.result as unknown as RiskProfile).factors.some((f) => f.level !== 'unknown');
      const roll = verifyRandom();
      const when = at(year, 3, 18 + Math.floor(verifyRandom() * 20), 9 + Math.floor(verifyRandom() * 8));
      verifyProgress.tick();
      if (!answered || !school?.curatorId || roll >= 0.75) continue;
      const disputed = roll >= 0.7;
      const comment = disputed ? 'Профиль не совпадает с результатами посещения школы, нужен перерасчёт' : 'Профиль подтверждён по итогам посещения';
      verifications.push(sql`(${p.id}::integer, ${disputed ? 'disputed' : 'verified'}::text, ${comment}::text, ${school.curatorId}::integer, ${when.toISOString()}::timestamptz)`);
      if (disputed) continue;
      const codes = suggestedDirections(p.result as unknown as RiskProfile);
      activated.set(p.schoolId, codes);
      for (const factorCode of codes) {
        directions.push({ cycleId, schoolId: p.schoolId, factorCode, profileId: p.id, activatedBy: school.curatorId, activatedAt: when });
      }
    }
  }
  for (let i = 0; i < verifications.length; i += input.batchRows) {
    await tx.execute(sql`
      update ${riskProfiles} as p
      set verification = v.verification, verification_comment = v.comment, verified_by = v.verified_by, verified_at = v.verified_at
      from (values ${values(verifications.slice(i, i + input.batchRows))}) as v(id, verification, comment, verified_by, verified_at)
      where p.id = v.id`);
  }
  input.timings.push({ stage: 'verification', rows: verifications.length, ms: verifyProgress.finish() });
  input.counts.verifiedProfiles = activated.size;
  input.counts.disputedProfiles = verifications.length - activated.size;
  await batched(io, input, 'risk_directions', directions, (chunk) => tx.insert(riskDirections).values(chunk));

  // ——— curator visits ———
  const visitRandom = stream('visits');
  const visits: (typeof curatorVisits.$inferInsert)[] = [];
  for (const { school } of plans) {
    if (!school.curatorId || visitRandom() >= 0.7) continue;
    const n = 1 + Math.floor(visitRandom() * 3);
    const days = Array.from({ length: n }, () => Math.floor(visitRandom() * 280)).sort((a, b) => a - b);
    for (const d of days) {
      const visitedOn = new Date(at(year, 2, 5).getTime() + d * DAY);
      visits.push({
        cycleId,
        schoolId: school.id,
        curatorId: school.curatorId,
        visitedOn: isoDate(visitedOn),
        format: visitRandom() < 0.7 ? 'onsite' : 'online',
        notes: VISIT_NOTES[Math.floor(visitRandom() * VISIT_NOTES.length)] as string,
        createdAt: new Date(visitedOn.getTime() + 9 * 3600_000),
      });
    }
  }
  await batched(io, input, 'curator_visits', visits, (chunk) => tx.insert(curatorVisits).values(chunk));

  // ——— school documents: shared files, documents in every status, their versions and history ———
  const pdfs = SHARED_FILES.map((f) => ({ ...f, content: tinyPdf(f.title) }));
  if (input.storage) for (const f of pdfs) await input.storage.put(f.content, { maxBytes: f.content.length });
  const fileRows = await tx
    .insert(storedFiles)
    .values(
      pdfs.map((f) => ({
        sha256: createHash('sha256').update(f.content).digest('hex'),
        size: f.content.length,
        mime: 'application/pdf',
        name: f.name,
        createdAt: at(year, 3, 1),
      })),
    )
    .returning({ id: storedFiles.id });
  const fileOf = new Map(SHARED_FILES.map((f, i) => [f.key, fileRows[i]?.id as number]));
  input.counts.stored_files = fileRows.length;

  const docRandom = stream('documents');
  const stage1 = [...input.stages].sort((a, b) => a.number - b.number)[0];
  interface DocPlan {
    row: typeof schoolDocuments.$inferInsert;
    versions: { at: Date; by: number | null }[];
    events: { action: string; from: string; to: string; comment: string; by: number | null; at: Date }[];
  }
  const docs: DocPlan[] = [];
  for (const { school, started } of plans) {
    if (!started) continue;
    const slots: { kind: DocPlan['row']['kind']; factorCode?: FactorCode; stageId?: number; key: string; from: Date }[] = [];
    for (const kind of ['concept', 'midterm_programme', 'school_roadmap'] as const) slots.push({ kind, key: kind, from: at(year, 3, 1) });
    for (const code of activated.get(school.id) ?? []) {
      slots.push({ kind: 'antirisk_programme', factorCode: code, key: `antirisk_programme:${code}`, from: at(year, 4, 10) });
      if (stage1) slots.push({ kind: 'evidence', factorCode: code, stageId: stage1.id, key: `evidence:${stage1.number}:${code}`, from: at(year, 6, 1) });
    }
    for (const slot of slots) {
      if (docRandom() >= (slot.kind === 'evidence' ? 0.5 : 0.9)) continue;
      const roll = docRandom();
      const status = roll < 0.45 ? 'confirmed' : roll < 0.65 ? 'submitted' : roll < 0.75 ? 'returned' : 'draft';
      let t = slot.from.getTime() + Math.floor(docRandom() * 20 * DAY);
      const next = () => (t += (1 + Math.floor(docRandom() * 5)) * DAY + Math.floor(docRandom() * 8 * 3600_000));
      const versions = [{ at: new Date(t), by: school.accountId }];
      const events: DocPlan['events'] = [];
      let comment = '';
      if (status !== 'draft') events.push({ action: 'submit', from: 'draft', to: 'submitted', comment: '', by: school.accountId, at: new Date(next()) });
      if (status === 'returned' || (status === 'confirmed' && docRandom() < 0.3)) {
        comment = RETURN_COMMENTS[Math.floor(docRandom() * RETURN_COMMENTS.length)] as string;
        events.push({ action: 'return', from: 'submitted', to: 'returned', comment, by: school.curatorId, at: new Date(next()) });
        if (status === 'confirmed') {
          versions.push({ at: new Date(next()), by: school.accountId });
          events.push({ action: 'submit', from: 'returned', to: 'submitted', comment: '', by: school.accountId, at: new Date(next()) });
        }
      }
      if (status === 'confirmed') events.push({ action: 'confirm', from: 'submitted', to: 'confirmed', comment: '', by: school.curatorId, at: new Date(next()) });
      const last = events.at(-1) ?? { by: school.accountId, at: versions.at(-1)!.at };
      docs.push({
        row: {
          cycleId,
          schoolId: school.id,
          slotKey: slot.key,
          kind: slot.kind,
          factorCode: slot.factorCode ?? null,
          stageId: slot.stageId ?? null,
          status,
          programme: null,
          reviewComment: comment,
          version: versions.length + events.length,
          updatedBy: last.by,
          updatedAt: last.at,
          createdAt: versions[0]!.at,
        },
        versions,
        events,
      });
    }
  }
  const docIds = new Map<string, number>();
  const docKey = (schoolId: number, slotKey: string) => `${schoolId}:${slotKey}`;
  await batched(io, input, 'school_documents', docs, async (chunk) => {
    const rows = await tx
      .insert(schoolDocuments)
      .values(chunk.map((d) => d.row))
      .returning({ id: schoolDocuments.id, schoolId: schoolDocuments.schoolId, slotKey: schoolDocuments.slotKey });
    for (const r of rows) docIds.set(docKey(r.schoolId, r.slotKey), r.id);
  });
  const idOf = (d: DocPlan) => docIds.get(docKey(d.row.schoolId, d.row.slotKey)) as number;
  const versionRows = docs.flatMap((d) =>
    d.versions.map((v, k) => ({ documentId: idOf(d), number: k + 1, fileId: fileOf.get(d.row.kind) as number, uploadedBy: v.by, uploadedAt: v.at })),
  );
  await batched(io, input, 'document_versions', versionRows, (chunk) => tx.insert(documentVersions).values(chunk));
  const eventRows = docs.flatMap((d) =>
    d.events.map((e) => ({
      documentId: idOf(d),
      action: e.action,
      fromStatus: e.from as DocPlan['row']['status'] & string,
      toStatus: e.to as DocPlan['row']['status'] & string,
      comment: e.comment,
      actorId: e.by,
      at: e.at,
    })),
  );
  await batched(io, input, 'document_events', eventRows, (chunk) => tx.insert(documentEvents).values(chunk));
}
