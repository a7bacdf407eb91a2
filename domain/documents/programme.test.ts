import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { antiriskProgrammeSchema, emptyProgramme, indicatorChange, programmeChange, validateForSubmit, type AntiriskProgramme, type ProgrammeIndicator } from './programme.js';

const indicator = (over: Partial<ProgrammeIndicator> = {}): ProgrammeIndicator => ({
  name: 'Доля обучающихся с низкой мотивацией',
  unit: '%',
  baseline: 40,
  target: 25,
  actual: [],
  direction: 'decrease',
  ...over,
});

const programme: AntiriskProgramme = {
  goal: 'Повысить учебную мотивацию обучающихся 5–9 классов',
  tasks: ['Вовлечь обучающихся в проектную деятельность', 'Организовать наставничество'],
  measures: [
    { title: 'Школьная научно-практическая конференция', timing: 'апрель', dueDate: '2025-04-25', responsible: 'Заместитель директора по УВР' },
    { title: 'Классные часы по профориентации', timing: 'ежемесячно', responsible: 'Классные руководители' },
  ],
  indicators: [
    indicator({ actual: [{ stageNumber: 1, value: 35 }, { stageNumber: 2, value: 30 }] }),
    indicator({ name: 'Участники олимпиад', unit: 'чел.', baseline: 5, target: 15, direction: 'increase', actual: [{ stageNumber: 1, value: 4 }] }),
  ],
};

const paths = (input: unknown) => {
  const r = antiriskProgrammeSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
};

test('schema: a full programme and an empty draft pass', () => {
  assert.deepEqual(antiriskProgrammeSchema.parse(programme), programme);
  assert.deepEqual(antiriskProgrammeSchema.parse(emptyProgramme()), emptyProgramme());
});

test('schema: exact paths and Russian messages', () => {
  assert.deepEqual(paths({ ...programme, goal: 5 }), [['goal', 'Ожидается текст']]);
  assert.deepEqual(paths({ ...programme, measures: [{ ...programme.measures[0], dueDate: '2025-02-30' }] }), [['measures.0.dueDate', 'Дата в формате ГГГГ-ММ-ДД']]);
  assert.deepEqual(paths({ ...programme, indicators: [indicator({ baseline: 'сорок' as unknown as number })] }), [['indicators.0.baseline', 'Ожидается число или пусто']]);
  assert.deepEqual(
    paths({ ...programme, indicators: [indicator({ actual: [{ stageNumber: 1, value: 1 }, { stageNumber: 1, value: 2 }] })] }),
    [['indicators.0.actual.1.stageNumber', 'Значение за этап 1 уже указано']],
  );
  assert.deepEqual(paths({ ...programme, indicators: [indicator({ actual: [{ stageNumber: 0, value: 1 }] })] }), [['indicators.0.actual.0.stageNumber', 'Номер этапа — от 1']]);
  assert.deepEqual(paths({ ...programme, indicators: [indicator({ direction: 'up' as 'increase' })] }), [['indicators.0.direction', 'Укажите, должен показатель расти или снижаться']]);
  assert.deepEqual(paths({ ...programme, extra: 1 }).map(([p]) => p), ['']);
  assert.deepEqual(paths({ ...programme, goal: 'я'.repeat(2001) }), [['goal', 'Не более 2000 символов']]);
  assert.deepEqual(paths({ ...programme, tasks: 'задача' }), [['tasks', 'Ожидается список задач']]);
  assert.deepEqual(paths({ ...programme, measures: [{ title: 'Семинар', timing: '' }] }), [['measures.0.responsible', 'Обязательное поле']]);
  assert.deepEqual(paths({ ...programme, indicators: [indicator({ baseline: Infinity, target: NaN })] }).map(([p]) => p), ['indicators.0.baseline', 'indicators.0.target']);
});

test('validate for submit: a complete programme has no problems', () => {
  assert.deepEqual(validateForSubmit(programme), []);
});

test('validate for submit: goal, ≥1 task, ≥1 measure, ≥1 indicator with baseline and target', () => {
  assert.deepEqual(validateForSubmit(emptyProgramme()), [
    { path: 'goal', message: 'Сформулируйте цель программы' },
    { path: 'tasks', message: 'Добавьте хотя бы одну задачу' },
    { path: 'measures', message: 'Добавьте хотя бы одно мероприятие' },
    { path: 'indicators', message: 'Добавьте хотя бы один показатель' },
  ]);
  const p: AntiriskProgramme = {
    goal: '  ',
    tasks: ['Задача', ' '],
    measures: [{ title: '', timing: '', responsible: '' }, { title: 'Семинар', timing: '', dueDate: '2025-05-01', responsible: 'Директор' }],
    indicators: [indicator({ name: '', baseline: null, target: null }), indicator({ baseline: 10, target: 20, direction: 'decrease' }), indicator({ baseline: 10, target: 5, direction: 'increase' })],
  };
  assert.deepEqual(validateForSubmit(p).map((i) => i.path), [
    'goal',
    'tasks.1',
    'measures.0.title',
    'measures.0.timing',
    'measures.0.responsible',
    'indicators.0.name',
    'indicators.0.baseline',
    'indicators.0.target',
    'indicators.1.target',
    'indicators.2.target',
  ]);
});

test('indicator change: latest measured stage against the baseline, in the intended direction', () => {
  assert.deepEqual(indicatorChange(programme.indicators[0]!), { latest: 30, latestStage: 2, change: -10, positive: true, targetReached: false });
  assert.deepEqual(indicatorChange(programme.indicators[1]!), { latest: 4, latestStage: 1, change: -1, positive: false, targetReached: false });
  // stages out of order, nulls skipped, upToStage respected
  const ind = indicator({ baseline: 0.1, target: 0.3, direction: 'increase', actual: [{ stageNumber: 3, value: null }, { stageNumber: 2, value: 0.3 }, { stageNumber: 1, value: 0.2 }] });
  assert.deepEqual(indicatorChange(ind), { latest: 0.3, latestStage: 2, change: 0.2, positive: true, targetReached: true });
  assert.equal(indicatorChange(ind, 1).latest, 0.2);
  assert.equal(indicatorChange(ind, 0).latest, null);
  // no change is not positive; unknown baseline or no values → null
  assert.equal(indicatorChange(indicator({ actual: [{ stageNumber: 1, value: 40 }] })).positive, false);
  assert.deepEqual(indicatorChange(indicator({ baseline: null, actual: [{ stageNumber: 1, value: 30 }] })), {
    latest: 30,
    latestStage: 1,
    change: null,
    positive: null,
    targetReached: false,
  });
  assert.equal(indicatorChange(indicator()).positive, null);
  assert.equal(indicatorChange(indicator({ target: null, actual: [{ stageNumber: 1, value: 1 }] })).targetReached, null);
});

test('programme change: share of measured indicators with positive change', () => {
  assert.deepEqual(programmeChange(programme), { indicators: 2, measured: 2, positive: 1, share: 0.5 });
  assert.deepEqual(programmeChange(programme, 1), { indicators: 2, measured: 2, positive: 1, share: 0.5 });
  assert.deepEqual(programmeChange(emptyProgramme()), { indicators: 0, measured: 0, positive: 0, share: null });
  assert.deepEqual(programmeChange({ indicators: [indicator(), indicator({ actual: [{ stageNumber: 1, value: 39 }] })] }), {
    indicators: 2,
    measured: 1,
    positive: 1,
    share: 1,
  });
});

test('property: positive change ⇔ moving towards the target direction; flipping the direction flips it', () => {
  const num = fc.integer({ min: -1000, max: 1000 });
  fc.assert(
    fc.property(num, num, fc.array(fc.record({ stageNumber: fc.integer({ min: 1, max: 5 }), value: fc.option(num, { nil: null }) }), { maxLength: 6 }), (baseline, target, actual) => {
      const up = indicatorChange({ baseline, target, actual, direction: 'increase' });
      const down = indicatorChange({ baseline, target, actual, direction: 'decrease' });
      assert.equal(up.latest, down.latest);
      if (up.latest === null) {
        assert.equal(up.positive, null);
      } else {
        assert.equal(up.change, up.latest - baseline);
        assert.equal(up.positive, up.latest > baseline);
        assert.equal(down.positive, up.latest < baseline);
      }
    }),
    { numRuns: 200 },
  );
});
