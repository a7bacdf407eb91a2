// The report models: the monitoring stage report and the year-end summary of a region or municipality (for the level
// above), and the printable profile of a school. Built from the same gathered data as the dashboard.
import { computeIndicators, groupByChild, stageIndicator, type Indicator, type StageInfo } from '../../../domain/dashboard/indicators.js';
import { SLOT_STATE_LABELS } from '../../../domain/documents/index.js';
import { NotFoundError } from '../../../domain/errors.js';
import { LEVEL_LABELS, type FactorLevel } from '../../../domain/surveys/factors.js';
import { VISIT_FORMAT_LABELS, type VisitFormat } from '../../../domain/documents/visits.js';
import type { StageRow } from '../monitoring/queries.js';
import { ruDate, type Cell, type Report, type Section } from './export.js';
import type { Gathered } from './service.js';

/** The indicators the per-territory table shows (school shares), by code with short column titles. */
const CHILD_COLUMNS: [string, string][] = [
  ['surveys_complete', 'Анкетирование завершено, %'],
  ['profile_verified', 'Профиль подтверждён, %'],
  ['directions_activated', 'Направления активированы, %'],
  ['visited', 'Посещены куратором, %'],
  ['documents_uploaded', 'Документы загружены, %'],
  ['documents_confirmed', 'Документы подтверждены, %'],
];

const yesNo = (met: boolean | null | undefined): string => (met === null || met === undefined ? '—' : met ? 'да' : 'нет');

export const stageInfoOf = (stages: StageRow[]): StageInfo[] =>
  stages.map((s) => ({ id: s.id, number: s.number, title: s.title, thresholdPercent: s.thresholdPercent }));

function indicatorRows(list: Indicator[]): Cell[][] {
  return list.map((i) => [i.title, i.value, i.numerator, i.denominator, i.threshold ?? null, yesNo(i.met)]);
}

const INDICATOR_COLUMNS = ['Показатель', 'Значение, %', 'Числитель', 'Знаменатель', 'Порог, %', 'Порог достигнут'];

function stageSection(g: Gathered, stages: StageRow[]): Section {
  return {
    title: 'Исполнение дорожных карт по этапам мониторинга',
    columns: ['Этап', 'Дата замера', 'Порог, %', 'Подлежит исполнению', 'Выполнено', 'Подтверждено', 'Исполнение, %', 'Порог достигнут'],
    rows: stages.map((s) => {
      const i = stageIndicator({ id: s.id, number: s.number, title: s.title, thresholdPercent: s.thresholdPercent }, g.roadmapRows);
      return [s.title, ruDate(s.measuredOn), s.thresholdPercent, i.denominator, i.done ?? 0, i.numerator, i.value, yesNo(i.met)];
    }),
  };
}

/** Progress of a report being built: percent 0–100 and a Russian note (background report runs). */
export type OnProgress = (percent: number, message: string) => void;

function childSection(g: Gathered, stages: StageRow[], onProgress?: OnProgress): Section {
  const info = stageInfoOf(g.stages);
  const grouped = g.childLevel ? groupByChild(g.childLevel, g.children.map((c) => c.id), g.facts, g.roadmapRows, info) : [];
  const label = g.childLevel === 'municipality' ? 'Муниципалитет' : g.childLevel === 'school' ? 'Школа' : 'Регион';
  const stageCodes = stages.map((s) => `roadmap_stage_${s.number}`);
  return {
    title: g.childLevel === 'municipality' ? 'Показатели по муниципалитетам' : 'Показатели по школам',
    columns: [label, 'Школ', ...CHILD_COLUMNS.map(([, t]) => t), ...stages.map((s) => `Дорожные карты, этап ${s.number}, %`)],
    rows: grouped.map((c, k) => {
      const by = new Map(c.indicators.map((i) => [i.code, i]));
      onProgress?.(40 + Math.round((50 * (k + 1)) / grouped.length), `Раздел: ${g.children[k]!.name}`);
      return [g.children[k]!.name, c.schools, ...CHILD_COLUMNS.map(([code]) => by.get(code)?.value ?? null), ...stageCodes.map((code) => by.get(code)?.value ?? null)];
    }),
    empty: 'На территории нет школ проекта',
  };
}

function overdueSections(g: Gathered): Section[] {
  return [
    {
      title: `Просроченные мероприятия дорожных карт (${g.overdueItems.length})`,
      columns: ['Дорожная карта', '№', 'Мероприятие', 'Срок'],
      rows: g.overdueItems.map((o) => [o.territory, o.number ?? '', o.title, ruDate(o.dueDate)]),
      empty: 'Просроченных мероприятий нет',
    },
    {
      title: `Просроченные документы школ (${g.overdueDocuments.length})`,
      columns: ['Школа', 'Муниципалитет', 'Документ', 'Срок', 'Состояние'],
      rows: g.overdueDocuments.map((o) => [o.school, o.municipality, o.title, ruDate(o.dueDate), o.status === 'missing' ? 'не загружен' : SLOT_STATE_LABELS[o.status]]),
      empty: 'Просроченных документов нет',
    },
  ];
}

const headLines = (g: Gathered, today: string): string[] => [
  `${g.territory.level === 'municipality' ? 'Муниципалитет' : 'Регион'}: ${g.territory.name}`,
  `${g.cycle.title} (${g.cycle.year} год)`,
  `Школ в проекте: ${g.facts.length}. Сформирован ${ruDate(today)}`,
];

/** The stage report: indicators (roadmaps at this stage), execution at every stage up to it, per child, overdue. */
export function stageReport(g: Gathered, stageId: number | undefined, today: string, onProgress?: OnProgress): { report: Report; stage: StageRow } {
  const stage = stageId === undefined ? (g.stages.find((s) => s.id === g.currentStageId) ?? g.stages[0]) : g.stages.find((s) => s.id === stageId);
  if (!stage) throw new NotFoundError('Этап мониторинга не найден');
  const upTo = g.stages.filter((s) => s.number <= stage.number);
  const indicators = computeIndicators(g.facts, g.roadmapRows, stageInfoOf([stage]));
  return {
    stage,
    report: {
      title: `Отчёт о результатах мониторинга: ${stage.title}`,
      lines: [...headLines(g, today), `Дата замера: ${ruDate(stage.measuredOn)}, порог исполнения дорожных карт — ${stage.thresholdPercent}%`],
      sections: [
        { title: 'Показатели реализации проекта', columns: INDICATOR_COLUMNS, rows: indicatorRows(indicators) },
        stageSection(g, upTo),
        childSection(g, [stage], onProgress),
        ...overdueSections(g),
      ],
    },
  };
}

/** The year-end summary: every indicator, every stage, per child with every stage, overdue. */
export function yearReport(g: Gathered, today: string, onProgress?: OnProgress): Report {
  const indicators = computeIndicators(g.facts, g.roadmapRows, stageInfoOf(g.stages));
  return {
    title: `Итоговый отчёт о реализации проекта за ${g.cycle.year} год`,
    lines: headLines(g, today),
    sections: [
      { title: 'Показатели реализации проекта', columns: INDICATOR_COLUMNS, rows: indicatorRows(indicators) },
      stageSection(g, g.stages),
      childSection(g, g.stages, onProgress),
      ...overdueSections(g),
    ],
  };
}

export interface SchoolExtras {
  school: { code: string; name: string; fullName: string; address: string; directorName: string };
  region: string;
  municipality: string;
  curator: string | null;
  visits: { visitedOn: string; format: string }[];
  profile: { result: Record<string, unknown>; verification: string } | undefined;
}

const VERIFICATION: Record<string, string> = { pending: 'ожидает проверки куратором', verified: 'подтверждён куратором', disputed: 'оспорен куратором' };

/** The printable profile of a school: who it is, its indicators, risk profile, documents, visits and roadmap. */
export function schoolReport(g: Gathered, x: SchoolExtras, today: string): Report {
  const facts = g.facts[0];
  const schoolIndicators = computeIndicators(g.facts, g.roadmapRows, stageInfoOf(g.stages));
  const schoolwide = new Set(['surveys_complete', 'profile_verified', 'directions_activated', 'visited', 'documents_uploaded', 'documents_confirmed']);
  const factors = Array.isArray(x.profile?.result.factors) ? (x.profile!.result.factors as { name?: string; level?: string; score?: number | null }[]) : [];
  const slots = facts ? (g.slots.get(facts.schoolId) ?? []) : [];
  return {
    title: 'Профиль школы и ход реализации проекта',
    lines: [
      x.school.name,
      `${x.municipality}, ${x.region}`,
      `${g.cycle.title} (${g.cycle.year} год). Сформирован ${ruDate(today)}`,
    ],
    sections: [
      {
        title: 'Сведения о школе',
        columns: ['Сведения', 'Значение'],
        rows: [
          ['Полное наименование', x.school.fullName],
          ['Код', x.school.code],
          ['Адрес', x.school.address || '—'],
          ['Директор', x.school.directorName || '—'],
          ['Куратор', x.curator ?? 'не назначен'],
        ],
      },
      {
        title: 'Показатели',
        columns: ['Показатель', 'Выполнено'],
        rows: schoolIndicators.filter((i) => schoolwide.has(i.code)).map((i) => [i.title.replace('Доля школ', 'Школа'), i.denominator ? (i.numerator ? 'да' : 'нет') : '—']),
      },
      {
        title: `Рисковый профиль${x.profile ? ` (${VERIFICATION[x.profile.verification] ?? x.profile.verification})` : ''}`,
        columns: ['Фактор риска', 'Уровень', 'Балл'],
        rows: factors.map((f) => [f.name ?? '', LEVEL_LABELS[(f.level ?? 'unknown') as FactorLevel] ?? f.level ?? '', f.score ?? null]),
        empty: 'Рисковый профиль ещё не рассчитан',
      },
      {
        title: 'Документы',
        columns: ['Документ', 'Срок', 'Состояние'],
        rows: slots.map((s) => [s.title, ruDate(s.dueDate), SLOT_STATE_LABELS[s.state]]),
      },
      {
        title: 'Посещения куратора',
        columns: ['Дата', 'Формат'],
        rows: x.visits.map((v) => [ruDate(v.visitedOn), VISIT_FORMAT_LABELS[v.format as VisitFormat] ?? v.format]),
        empty: 'Посещений пока не было',
      },
      {
        title: 'Дорожная карта школы по этапам мониторинга',
        columns: ['Этап', 'Подлежит исполнению', 'Подтверждено', 'Исполнение, %', 'Порог, %'],
        rows: g.stages.map((s) => {
          const i = stageIndicator({ id: s.id, number: s.number, title: s.title, thresholdPercent: s.thresholdPercent }, g.roadmapRows.filter((r) => r.schoolId !== null));
          return [s.title, i.denominator, i.numerator, i.value, s.thresholdPercent];
        }),
      },
    ],
  };
}
