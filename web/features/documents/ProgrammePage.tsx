// /documents/schools/:schoolId/programme/:slotKey — the anti-risk programme as data: goal, tasks, measures and
// indicators (with values per monitoring stage). Saved with the document version; a stale version (409) keeps the
// user's text visible and copyable.
import { ArrowLeftOutlined, CopyOutlined, DeleteOutlined, PlusOutlined, ReloadOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { ProgrammeIndicator, ProgrammeMeasure } from '../../../domain/documents';
import { ApiError, type FieldIssue } from '../../shared/api';
import { errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { useCycleChoice } from '../roadmaps/api';
import { copyText } from '../users/api';
import {
  emptyProgramme,
  INDICATOR_DIRECTION_LABELS,
  refreshDocuments,
  ruDateTime,
  saveProgramme,
  transitionDocument,
  useChecklist,
  validateForSubmit,
  type AntiriskProgramme,
  type Checklist,
  type SlotView,
} from './api';
import { SlotStateTag } from './SlotCard';

export function ProgrammePage() {
  const params = useParams();
  const schoolId = Number(params.schoolId);
  const slotKey = params.slotKey ?? '';
  const { cycle } = useCycleChoice();
  const checklist = useChecklist(schoolId, cycle?.id);
  // bumped by «Обновить»: the editor starts again from the saved programme
  const [generation, setGeneration] = useState(0);

  return (
    <div data-testid="programme-page">
      <Link to={`/documents/schools/${schoolId}${cycle ? `?cycle=${cycle.id}` : ''}`}>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0, marginBottom: 4 }}>
          К перечню документов
        </Button>
      </Link>
      <QueryState query={checklist}>
        {(data) => {
          const slot = data.slots.find((s) => s.key === slotKey);
          if (!slot || slot.kind !== 'antirisk_programme') {
            return (
              <Card>
                <Empty description="Такой антирисковой программы нет в перечне школы" />
              </Card>
            );
          }
          return (
            <Editor
              key={`${slot.key}:${generation}`}
              checklist={data}
              slot={slot}
              onReload={async () => {
                await checklist.refetch();
                setGeneration((g) => g + 1);
              }}
            />
          );
        }}
      </QueryState>
    </div>
  );
}

/** Errors by path without the «programme.» prefix: 'goal', 'measures.0.title', … */
type Errors = Record<string, string>;

function toErrors(issues: FieldIssue[]): Errors {
  const out: Errors = {};
  for (const i of issues) {
    const path = i.path.replace(/^programme\./, '');
    if (!(path in out)) out[path] = i.message;
  }
  return out;
}

/** Drops empty optional dates so the saved shape passes the schema. */
function cleaned(p: AntiriskProgramme): AntiriskProgramme {
  return {
    ...p,
    measures: p.measures.map(({ dueDate, ...m }) => (dueDate ? { ...m, dueDate } : m)),
  };
}

/** The programme as plain text — for copying unsaved changes after a conflict. */
function asText(p: AntiriskProgramme): string {
  const lines = [`Цель: ${p.goal}`, '', 'Задачи:', ...p.tasks.map((t, i) => `${i + 1}. ${t}`), '', 'Мероприятия:'];
  p.measures.forEach((m, i) => lines.push(`${i + 1}. ${m.title} — срок: ${m.timing}${m.dueDate ? ` (${m.dueDate})` : ''}; ответственный: ${m.responsible}`));
  lines.push('', 'Показатели:');
  p.indicators.forEach((ind, i) =>
    lines.push(
      `${i + 1}. ${ind.name} (${ind.unit}), ${INDICATOR_DIRECTION_LABELS[ind.direction]}: базовое ${ind.baseline ?? '—'}, целевое ${ind.target ?? '—'}` +
        (ind.actual.length ? `; факт: ${ind.actual.map((a) => `этап ${a.stageNumber} — ${a.value ?? '—'}`).join(', ')}` : ''),
    ),
  );
  return lines.join('\n');
}

function stagesOf(checklist: Checklist, programme: AntiriskProgramme): { number: number; title: string }[] {
  const map = new Map<number, string>();
  for (const s of checklist.slots) {
    if (s.kind === 'evidence' && s.stageNumber !== undefined && !map.has(s.stageNumber)) {
      map.set(s.stageNumber, /\(([^)]+)\)/.exec(s.title)?.[1] ?? `Этап ${s.stageNumber}`);
    }
  }
  for (const ind of programme.indicators) for (const a of ind.actual) if (!map.has(a.stageNumber)) map.set(a.stageNumber, `Этап ${a.stageNumber}`);
  return [...map.entries()].sort((a, b) => a[0] - b[0]).map(([number, title]) => ({ number, title }));
}

/** A field with its error under it. */
function Field({ error, children, label }: { error?: string; children: ReactNode; label?: string }) {
  return (
    <div className={error ? 'ant-form-item-has-error' : undefined} data-error={error ? 'true' : undefined}>
      {label && <div style={{ fontSize: 13, marginBottom: 4, color: '#595959' }}>{label}</div>}
      {children}
      {error && (
        <div style={{ color: '#ff4d4f', fontSize: 12, marginTop: 2 }} data-testid="field-error">
          {error}
        </div>
      )}
    </div>
  );
}

function Editor({ checklist, slot, onReload }: { checklist: Checklist; slot: SlotView; onReload: () => Promise<void> }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const doc = slot.document;
  const editable = doc ? doc.can.edit : checklist.can.edit;
  const maySubmit = doc ? doc.can.actions.includes('submit') : checklist.can.edit;
  const [programme, setProgramme] = useState<AntiriskProgramme>(() => doc?.programme ?? emptyProgramme());
  const [version, setVersion] = useState<number | null>(doc?.version ?? null);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState<'save' | 'submit'>();
  const [conflict, setConflict] = useState<{ message: string; mine: AntiriskProgramme }>();
  const [formError, setFormError] = useState<string>();
  const stages = useMemo(() => stagesOf(checklist, programme), [checklist, programme]);

  // leaving the page with unsaved changes asks first
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const change = (next: AntiriskProgramme, clear?: string) => {
    setProgramme(next);
    setDirty(true);
    if (clear && errors[clear]) {
      const rest = { ...errors };
      delete rest[clear];
      setErrors(rest);
    }
  };

  /** Saves; returns the saved document's id and version, or undefined when refused (the reason is shown). */
  const save = async (): Promise<{ id: number; version: number } | undefined> => {
    try {
      const res = await saveProgramme(checklist.school.id, slot.key, { cycleId: checklist.cycle.id, version, programme: cleaned(programme) });
      setVersion(res.document.version);
      setDirty(false);
      setErrors({});
      setFormError(undefined);
      await refreshDocuments(client);
      return { id: res.document.id, version: res.document.version };
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setConflict({ message: e.message, mine: programme });
      } else if (e instanceof ApiError && e.fields.length) {
        setErrors(toErrors(e.fields));
        setFormError(e.message);
      } else {
        setFormError(errorText(e));
      }
      return undefined;
    }
  };

  const onSave = async () => {
    setBusy('save');
    try {
      if ((await save()) !== undefined) message.success('Программа сохранена');
    } finally {
      setBusy(undefined);
    }
  };

  const onSubmit = async () => {
    const issues = validateForSubmit(cleaned(programme));
    if (issues.length) {
      setErrors(toErrors(issues));
      setFormError(`Перед отправкой заполните программу: ${issues.length} ${issues.length === 1 ? 'замечание' : 'замечаний'} отмечено у полей.`);
      window.scrollTo({ top: 0, behavior: 'smooth' });
      return;
    }
    setBusy('submit');
    try {
      const saved = dirty || !doc || version === null ? await save() : { id: doc.id, version };
      if (!saved) return;
      await transitionDocument(saved.id, { action: 'submit', version: saved.version });
      await refreshDocuments(client);
      setDirty(false);
      message.success('Программа отправлена куратору на проверку');
      navigate(`/documents/schools/${checklist.school.id}?cycle=${checklist.cycle.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict({ message: e.message, mine: programme });
      else if (e instanceof ApiError && e.fields.length) {
        setErrors(toErrors(e.fields));
        setFormError(e.message);
      } else setFormError(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };

  const p = programme;
  const ro = !editable;

  const measureColumns: ColumnsType<ProgrammeMeasure & { i: number }> = [
    { title: '№', width: 44, render: (_, m) => m.i + 1 },
    {
      title: 'Мероприятие',
      render: (_, m) => (
        <Field error={errors[`measures.${m.i}.title`]}>
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 6 }}
            value={m.title}
            readOnly={ro}
            variant={ro ? 'borderless' : undefined}
            maxLength={1000}
            onChange={(e) => change({ ...p, measures: p.measures.map((x, j) => (j === m.i ? { ...x, title: e.target.value } : x)) }, `measures.${m.i}.title`)}
            data-testid="measure-title"
          />
        </Field>
      ),
    },
    {
      title: 'Срок',
      width: 190,
      render: (_, m) => (
        <Field error={errors[`measures.${m.i}.timing`] ?? errors[`measures.${m.i}.dueDate`]}>
          <Input
            placeholder="ежемесячно, до 1 октября…"
            value={m.timing}
            readOnly={ro}
            variant={ro ? 'borderless' : undefined}
            maxLength={200}
            onChange={(e) => change({ ...p, measures: p.measures.map((x, j) => (j === m.i ? { ...x, timing: e.target.value } : x)) }, `measures.${m.i}.timing`)}
            data-testid="measure-timing"
          />
        </Field>
      ),
    },
    {
      title: 'Дата',
      width: 150,
      render: (_, m) => (
        <Input
          type="date"
          value={m.dueDate ?? ''}
          readOnly={ro}
          variant={ro ? 'borderless' : undefined}
          onChange={(e) => change({ ...p, measures: p.measures.map((x, j) => (j === m.i ? { ...x, dueDate: e.target.value || undefined } : x)) }, `measures.${m.i}.timing`)}
          aria-label="Дата мероприятия"
          data-testid="measure-date"
        />
      ),
    },
    {
      title: 'Ответственный',
      width: 220,
      render: (_, m) => (
        <Field error={errors[`measures.${m.i}.responsible`]}>
          <Input
            value={m.responsible}
            readOnly={ro}
            variant={ro ? 'borderless' : undefined}
            maxLength={500}
            onChange={(e) =>
              change({ ...p, measures: p.measures.map((x, j) => (j === m.i ? { ...x, responsible: e.target.value } : x)) }, `measures.${m.i}.responsible`)
            }
            data-testid="measure-responsible"
          />
        </Field>
      ),
    },
    ...(ro
      ? []
      : [
          {
            title: '',
            width: 48,
            render: (_: unknown, m: ProgrammeMeasure & { i: number }) => (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label="Удалить мероприятие"
                onClick={() => change({ ...p, measures: p.measures.filter((_x, j) => j !== m.i) })}
              />
            ),
          },
        ]),
  ];

  const setIndicator = (i: number, patch: Partial<ProgrammeIndicator>, clear?: string) =>
    change({ ...p, indicators: p.indicators.map((x, j) => (j === i ? { ...x, ...patch } : x)) }, clear);

  const setActual = (i: number, ind: ProgrammeIndicator, stageNumber: number, value: number | null) => {
    const rest = ind.actual.filter((a) => a.stageNumber !== stageNumber);
    const actual = value === null ? rest : [...rest, { stageNumber, value }].sort((a, b) => a.stageNumber - b.stageNumber);
    setIndicator(i, { actual });
  };

  const number = (value: number | null, onChange: (v: number | null) => void, testId: string, error?: string) => (
    <Field error={error}>
      <InputNumber
        value={value}
        readOnly={ro}
        variant={ro ? 'borderless' : undefined}
        decimalSeparator=","
        style={{ width: '100%' }}
        onChange={(v) => onChange(typeof v === 'number' ? v : null)}
        data-testid={testId}
      />
    </Field>
  );

  const indicatorColumns: ColumnsType<ProgrammeIndicator & { i: number }> = [
    { title: '№', width: 44, render: (_, ind) => ind.i + 1 },
    {
      title: 'Показатель',
      width: 260,
      render: (_, ind) => (
        <Field error={errors[`indicators.${ind.i}.name`]}>
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 4 }}
            value={ind.name}
            readOnly={ro}
            variant={ro ? 'borderless' : undefined}
            maxLength={500}
            onChange={(e) => setIndicator(ind.i, { name: e.target.value }, `indicators.${ind.i}.name`)}
            data-testid="indicator-name"
          />
        </Field>
      ),
    },
    {
      title: 'Ед. изм.',
      width: 100,
      render: (_, ind) => (
        <Input
          value={ind.unit}
          readOnly={ro}
          variant={ro ? 'borderless' : undefined}
          maxLength={50}
          placeholder="%"
          onChange={(e) => setIndicator(ind.i, { unit: e.target.value })}
          data-testid="indicator-unit"
        />
      ),
    },
    {
      title: 'Должен',
      width: 120,
      render: (_, ind) =>
        ro ? (
          INDICATOR_DIRECTION_LABELS[ind.direction]
        ) : (
          <Select
            value={ind.direction}
            style={{ width: '100%' }}
            onChange={(v) => setIndicator(ind.i, { direction: v }, `indicators.${ind.i}.target`)}
            options={(['increase', 'decrease'] as const).map((d) => ({ value: d, label: d === 'increase' ? 'расти' : 'снижаться' }))}
            data-testid="indicator-direction"
          />
        ),
    },
    {
      title: 'Базовое',
      width: 110,
      render: (_, ind) =>
        number(ind.baseline, (v) => setIndicator(ind.i, { baseline: v }, `indicators.${ind.i}.baseline`), 'indicator-baseline', errors[`indicators.${ind.i}.baseline`]),
    },
    {
      title: 'Целевое',
      width: 130,
      render: (_, ind) =>
        number(ind.target, (v) => setIndicator(ind.i, { target: v }, `indicators.${ind.i}.target`), 'indicator-target', errors[`indicators.${ind.i}.target`]),
    },
    ...stages.map((st) => ({
      title: <span title={st.title}>Факт, этап {st.number}</span>,
      width: 110,
      render: (_: unknown, ind: ProgrammeIndicator & { i: number }) => {
        const idx = ind.actual.findIndex((a) => a.stageNumber === st.number);
        return number(
          ind.actual[idx]?.value ?? null,
          (v) => setActual(ind.i, ind, st.number, v),
          `indicator-actual-${st.number}`,
          idx >= 0 ? errors[`indicators.${ind.i}.actual.${idx}.value`] : undefined,
        );
      },
    })),
    ...(ro
      ? []
      : [
          {
            title: '',
            width: 48,
            render: (_: unknown, ind: ProgrammeIndicator & { i: number }) => (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label="Удалить показатель"
                onClick={() => change({ ...p, indicators: p.indicators.filter((_x, j) => j !== ind.i) })}
              />
            ),
          },
        ]),
  ];

  const listError = (path: string) =>
    errors[path] ? (
      <Alert type="error" showIcon title={errors[path]} style={{ marginBottom: 8 }} data-testid="list-error" />
    ) : null;

  return (
    <div data-testid="programme-editor" data-version={version ?? ''}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'flex-start', marginBottom: 12 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {slot.title}
          </Typography.Title>
          <Typography.Text type="secondary">
            {checklist.school.name} · {checklist.cycle.year} год
            {doc ? ` · изменено ${ruDateTime(doc.updatedAt)}` : ''}
          </Typography.Text>
        </div>
        <SlotStateTag state={slot.state} />
      </div>

      {!editable && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            checklist.can.edit
              ? 'Программа на проверке или подтверждена — изменить её нельзя. Чтобы внести правки, отзовите документ с проверки.'
              : 'Программу заполняет школа; здесь она открыта для просмотра.'
          }
        />
      )}
      {doc?.status === 'returned' && doc.reviewComment && (
        <Alert type="warning" showIcon title="Куратор вернул программу на доработку" description={doc.reviewComment} style={{ marginBottom: 12 }} />
      )}

      {conflict && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="programme-conflict"
          title={conflict.message}
          description={
            <>
              <div style={{ marginBottom: 8 }}>
                Ваши изменения не сохранены. Скопируйте их, затем обновите программу — ваш вариант останется здесь, чтобы перенести нужное.
              </div>
              <Space wrap>
                <Button
                  icon={<CopyOutlined />}
                  onClick={async () =>
                    (await copyText(asText(conflict.mine))) ? message.success('Текст скопирован') : message.error('Не удалось скопировать')
                  }
                  data-testid="copy-mine"
                >
                  Скопировать мои изменения
                </Button>
                <Button type="primary" icon={<ReloadOutlined />} onClick={() => void reloadKeepingMine(onReload, conflict.mine)} data-testid="reload-programme">
                  Обновить программу
                </Button>
              </Space>
              <Input.TextArea
                readOnly
                value={asText(conflict.mine)}
                autoSize={{ minRows: 3, maxRows: 12 }}
                style={{ marginTop: 8, fontSize: 12 }}
                data-testid="my-unsaved-text"
              />
            </>
          }
        />
      )}
      <UnsavedFromConflict />

      {formError && (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} closable={{ onClose: () => setFormError(undefined) }} data-testid="programme-error" />
      )}

      <Card size="small" title="Цель программы" style={{ marginBottom: 12 }}>
        <Field error={errors.goal}>
          <Input.TextArea
            value={p.goal}
            readOnly={ro}
            variant={ro ? 'borderless' : undefined}
            autoSize={{ minRows: 2, maxRows: 8 }}
            maxLength={2000}
            placeholder="Например: снизить долю обучающихся с низкой учебной мотивацией"
            onChange={(e) => change({ ...p, goal: e.target.value }, 'goal')}
            data-testid="programme-goal"
          />
        </Field>
      </Card>

      <Card size="small" title={`Задачи (${p.tasks.length})`} style={{ marginBottom: 12 }}>
        {listError('tasks')}
        {p.tasks.length === 0 && ro && <Typography.Text type="secondary">Задач нет</Typography.Text>}
        {p.tasks.map((t, i) => (
          <div key={i} style={{ display: 'flex', gap: 8, marginBottom: 8 }}>
            <span style={{ width: 24, paddingTop: 5, textAlign: 'right', color: '#8c8c8c' }}>{i + 1}.</span>
            <div style={{ flex: 1 }}>
              <Field error={errors[`tasks.${i}`]}>
                <Input.TextArea
                  value={t}
                  readOnly={ro}
                  variant={ro ? 'borderless' : undefined}
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  maxLength={1000}
                  onChange={(e) => change({ ...p, tasks: p.tasks.map((x, j) => (j === i ? e.target.value : x)) }, `tasks.${i}`)}
                  data-testid="programme-task"
                />
              </Field>
            </div>
            {!ro && (
              <Button type="text" danger icon={<DeleteOutlined />} aria-label="Удалить задачу" onClick={() => change({ ...p, tasks: p.tasks.filter((_x, j) => j !== i) })} />
            )}
          </div>
        ))}
        {!ro && (
          <Button icon={<PlusOutlined />} onClick={() => change({ ...p, tasks: [...p.tasks, ''] }, 'tasks')} data-testid="add-task">
            Добавить задачу
          </Button>
        )}
      </Card>

      <Card size="small" title={`Мероприятия (${p.measures.length})`} style={{ marginBottom: 12 }}>
        {listError('measures')}
        <Table
          rowKey="i"
          size="small"
          pagination={false}
          dataSource={p.measures.map((m, i) => ({ ...m, i }))}
          columns={measureColumns}
          scroll={{ x: 800 }}
          locale={{ emptyText: 'Мероприятий пока нет' }}
          data-testid="measures-table"
        />
        {!ro && (
          <Button
            icon={<PlusOutlined />}
            style={{ marginTop: 8 }}
            onClick={() => change({ ...p, measures: [...p.measures, { title: '', timing: '', responsible: '' }] }, 'measures')}
            data-testid="add-measure"
          >
            Добавить мероприятие
          </Button>
        )}
      </Card>

      <Card size="small" title={`Показатели (${p.indicators.length})`} style={{ marginBottom: 12 }}>
        {listError('indicators')}
        <Table
          rowKey="i"
          size="small"
          pagination={false}
          dataSource={p.indicators.map((ind, i) => ({ ...ind, i }))}
          columns={indicatorColumns}
          scroll={{ x: 900 }}
          locale={{ emptyText: 'Показателей пока нет' }}
          data-testid="indicators-table"
        />
        {!ro && (
          <Button
            icon={<PlusOutlined />}
            style={{ marginTop: 8 }}
            onClick={() =>
              change(
                { ...p, indicators: [...p.indicators, { name: '', unit: '', baseline: null, target: null, actual: [], direction: 'increase' }] },
                'indicators',
              )
            }
            data-testid="add-indicator"
          >
            Добавить показатель
          </Button>
        )}
      </Card>

      {editable && (
        <div
          style={{
            position: 'sticky',
            bottom: 0,
            background: '#fff',
            borderTop: '1px solid #eee',
            padding: '12px 0',
            display: 'flex',
            flexWrap: 'wrap',
            gap: 8,
            alignItems: 'center',
            zIndex: 5,
          }}
        >
          <Button type={maySubmit ? 'default' : 'primary'} icon={<SaveOutlined />} loading={busy === 'save'} disabled={busy === 'submit'} onClick={onSave} data-testid="programme-save">
            Сохранить
          </Button>
          {maySubmit && (
            <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} disabled={busy === 'save'} onClick={onSubmit} data-testid="programme-submit">
              Сохранить и отправить на проверку
            </Button>
          )}
          <Typography.Text type={dirty ? 'warning' : 'secondary'} data-testid="programme-dirty" data-dirty={dirty}>
            {dirty ? 'Есть несохранённые изменения' : version === null ? 'Программа ещё не сохранялась' : 'Все изменения сохранены'}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

// The user's unsaved variant survives the editor's remount after «Обновить программу» (kept outside React state).
let keptAfterReload: AntiriskProgramme | null = null;

async function reloadKeepingMine(onReload: () => Promise<void>, mine: AntiriskProgramme) {
  keptAfterReload = mine;
  await onReload();
}

function UnsavedFromConflict() {
  const { message } = App.useApp();
  const [kept, setKept] = useState<AntiriskProgramme | null>(() => {
    const k = keptAfterReload;
    keptAfterReload = null;
    return k;
  });
  if (!kept) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="kept-unsaved"
      title="Программа обновлена. Ниже — ваш несохранённый вариант: перенесите нужное в форму и сохраните."
      description={
        <>
          <Input.TextArea
            readOnly
            value={asText(kept)}
            autoSize={{ minRows: 3, maxRows: 12 }}
            style={{ fontSize: 12, marginBottom: 8 }}
            data-testid="kept-unsaved-text"
          />
          <Space>
            <Button icon={<CopyOutlined />} onClick={async () => ((await copyText(asText(kept))) ? message.success('Текст скопирован') : message.error('Не удалось скопировать'))}>
              Скопировать
            </Button>
            <Button onClick={() => setKept(null)}>Скрыть</Button>
          </Space>
        </>
      }
    />
  );
}
