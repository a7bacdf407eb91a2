// «Импорт из приказа» (a .docx/.txt file or pasted text → parsed preview → edit → save) and
// «Создать» (the same editor, empty, without a source text).
import { ArrowLeftOutlined, FileTextOutlined, InboxOutlined, SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Result, Row, Space, Steps, Switch, Tabs, Tooltip, Typography, Upload } from 'antd';
import { useCallback, useEffect, useMemo, useReducer, useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../shared/api';
import { applyApiError, errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { useUser } from '../auth/session';
import { defaultCycle, refreshRoadmaps, useCycleOptions, type CycleOption, type ParseResult, type RoadmapSummary } from './api';
import { editorStats, editReducer, emptyRow, splitItemErrors, toEditRow, toItemInput } from './editor-model';
import { ItemsEditor } from './ItemsEditor';
import {
  creatableLevels,
  DetailsFields,
  PlaceFields,
  SourcePanel,
  useLeaveGuard,
  type DetailsValues,
  type PlaceValues,
} from './RoadmapForm';

type FormValues = DetailsValues & PlaceValues;

/** Document remarks the editor re-checks live (numbering, rows without a number) are not repeated. */
function documentRemarks(flags: string[]): string[] {
  return flags.filter((f) => !/пункт без номера|нумерац|повторяется|начинается с/.test(f));
}

export function ImportPage({ blank = false }: { blank?: boolean }) {
  const cycles = useCycleOptions();
  const user = useUser();
  if (creatableLevels(user).length === 0) {
    return <Result status="403" title="Создавать дорожные карты может координатор или школа" extra={<Link to="/roadmaps">К списку</Link>} />;
  }
  return (
    <QueryState query={cycles} isEmpty={(d) => d.length === 0} empty={<Alert type="warning" showIcon title="Нет ни одного года проекта — сначала создайте его." />}>
      {(list) => <Wizard cycles={list} blank={blank} />}
    </QueryState>
  );
}

function Wizard({ cycles, blank }: { cycles: CycleOption[]; blank: boolean }) {
  const user = useUser();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<FormValues>();
  const [parsed, setParsed] = useState<ParseResult | null>(null);
  const [rows, dispatch] = useReducer(editReducer, blank ? [emptyRow()] : []);
  const [dirty, setDirty] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState<'parse' | 'save'>();
  const [error, setError] = useState<string>();
  const [showSource, setShowSource] = useState(true);
  const [focusKey, setFocusKey] = useState<string>();
  const [otherCycle, setOtherCycle] = useState(false);
  /** A roadmap of the same place and year already exists: offered as an amendment (approved) or opened (draft). */
  const [existing, setExisting] = useState<{ id: number; status: 'draft' | 'approved'; message: string }>();
  const editing = blank || parsed !== null;
  useLeaveGuard(dirty || (editing && !blank));

  const cycleId = Form.useWatch('cycleId', form) as number | undefined;
  const cycle = cycles.find((c) => c.id === cycleId);
  // The server reads a timing without a year («март–май») in the roadmap's project year.
  const defaultYear = cycle?.year ?? parsed?.document.year ?? null;
  const stats = useMemo(() => editorStats(rows, defaultYear), [rows, defaultYear]);

  const levels = creatableLevels(user);
  const wantedCycle = Number(params.get('cycle'));
  const initialCycle = cycles.find((c) => c.id === wantedCycle) ?? defaultCycle(cycles);

  useEffect(() => {
    // once, when the page opens
    if (blank) form.setFieldsValue({ cycleId: initialCycle?.id, level: levels[0] });
  }, []);

  const trackedDispatch = useCallback<typeof dispatch>((action) => {
    setDirty(true);
    dispatch(action);
  }, []);

  const accept = (result: ParseResult) => {
    setParsed(result);
    dispatch({ type: 'replace', rows: result.items.map(toEditRow) });
    const level = result.document.level && levels.includes(result.document.level) ? result.document.level : levels[0];
    // the cycle of the document's year when there is one
    const ofYear = cycles.find((c) => c.year === result.document.year);
    form.setFieldsValue({
      cycleId: (ofYear ?? initialCycle)?.id,
      level,
      title: result.document.title ?? '',
      orderAuthority: result.document.authority ?? '',
      orderNumber: result.document.number ?? '',
      orderDate: result.document.date ?? '',
    });
    setDirty(false);
    window.scrollTo({ top: 0 });
  };

  const parse = async (body: FormData | { text: string }) => {
    setBusy('parse');
    setError(undefined);
    try {
      const result = await api.post<ParseResult>('/api/roadmaps/parse', body);
      if (result.items.length === 0) {
        setError(
          `В документе не найдена таблица мероприятий${result.flags.length ? ` (${result.flags.join('; ')})` : ''}. Проверьте, что в тексте есть таблица с колонками «№», «Мероприятие», «Сроки».`,
        );
        return;
      }
      accept(result);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };

  const save = async () => {
    setError(undefined);
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      setError('Проверьте поля, отмеченные красным.');
      return;
    }
    const emptyTitles = rows.map((r, i) => (r.title.trim() === '' ? i + 1 : 0)).filter(Boolean);
    if (emptyTitles.length) {
      setError(`Заполните мероприятие в строках: ${emptyTitles.join(', ')} — или удалите пустые строки.`);
      return;
    }
    setBusy('save');
    try {
      const level = values.level;
      const body = {
        cycleId: values.cycleId,
        level,
        regionId: level === 'federal' ? null : (values.regionId ?? null),
        municipalityId: level === 'municipal' || level === 'school' ? (values.municipalityId ?? null) : null,
        schoolId: level === 'school' ? (values.schoolId ?? null) : null,
        title: values.title.trim(),
        orderAuthority: values.orderAuthority?.trim() ?? '',
        orderNumber: values.orderNumber?.trim() ?? '',
        orderDate: values.orderDate || null,
        ...(parsed ? { sourceText: parsed.sourceText } : {}),
        items: rows.map(toItemInput),
        otherCycle,
      };
      setExisting(undefined);
      const res = await api.post<{ roadmap: RoadmapSummary }>('/api/roadmaps', body);
      setDirty(false);
      await refreshRoadmaps(client);
      message.success('Дорожная карта сохранена');
      navigate(`/roadmaps/${res.roadmap.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'roadmap_exists') {
        setExisting({ id: Number(e.details.roadmapId), status: e.details.status === 'approved' ? 'approved' : 'draft', message: e.message });
      } else if (e instanceof ApiError) {
        const { items, rest } = splitItemErrors(e.fields);
        dispatch({ type: 'serverErrors', errors: items });
        const restError = new ApiError(e.status, e.code, e.message, rest);
        const left = rest.length ? applyApiError(form, restError) : undefined;
        setError(
          items.length
            ? `Не сохранено: исправьте замечания в строках ${[...new Set(items.map((i) => i.index + 1))].join(', ')}.${left ? ` ${left}` : ''}`
            : (left ?? (rest.length ? undefined : e.message)),
        );
      } else setError(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };

  /** The imported order as an amendment of the approved roadmap of the same place: rows matched by number and title. */
  const amendExisting = async () => {
    if (!existing) return;
    const values = form.getFieldsValue();
    if (!values.orderNumber?.trim() || !values.orderDate || !values.orderAuthority?.trim()) {
      setError('Для внесения изменений укажите реквизиты приказа: кем издан, номер и дату.');
      return;
    }
    setBusy('save');
    setError(undefined);
    try {
      const current = await api.get<{ roadmap: RoadmapSummary }>(`/api/roadmaps/${existing.id}`);
      await api.post(`/api/roadmaps/${existing.id}/amendments`, {
        version: current.roadmap.version,
        orderAuthority: values.orderAuthority.trim(),
        orderNumber: values.orderNumber.trim(),
        orderDate: values.orderDate,
        orderTitle: values.title?.trim() ?? '',
        items: rows.map(toItemInput),
        matchByNumber: true,
      });
      setDirty(false);
      await refreshRoadmaps(client);
      message.success('Изменения внесены новой редакцией');
      navigate(`/roadmaps/${existing.id}`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };

  const focus = useMemo(() => {
    const row = rows.find((r) => r.key === focusKey);
    return row?.title;
  }, [rows, focusKey]);

  const yearMismatch = parsed?.document.year && cycle && parsed.document.year !== cycle.year;
  const remarks = parsed ? documentRemarks(parsed.flags) : [];
  const sourceVisible = !!parsed && showSource;

  return (
    <div data-testid={blank ? 'roadmap-create' : 'roadmap-import'}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Link to="/roadmaps">
          <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
            Дорожные карты
          </Button>
        </Link>
      </Space>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {blank ? 'Новая дорожная карта' : 'Импорт дорожной карты из приказа'}
      </Typography.Title>
      {!blank && (
        <Steps
          size="small"
          current={parsed ? 1 : 0}
          style={{ maxWidth: 640, marginBottom: 16 }}
          items={[{ title: 'Текст приказа' }, { title: 'Проверка и сохранение' }]}
        />
      )}

      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} closable={{ onClose: () => setError(undefined) }} data-testid="import-error" />
      )}

      {!editing && (
        <SourceStep text={text} setText={setText} busy={busy === 'parse'} onParse={parse} />
      )}

      {editing && (
        <>
          <Form form={form} layout="vertical" requiredMark={false} onValuesChange={() => setDirty(true)} data-testid="roadmap-details">
            <Card size="small" title="Приказ и территория" style={{ marginBottom: 12 }}>
              <PlaceFields form={form} user={user} cycles={cycles} />
              <DetailsFields />
            </Card>
          </Form>
          {yearMismatch && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`В приказе указан ${parsed?.document.year} год, а выбран год проекта ${cycle?.year}. Проверьте, что выбран нужный год проекта.`}
              description={
                <Checkbox checked={otherCycle} onChange={(e) => setOtherCycle(e.target.checked)} data-testid="other-cycle">
                  Да, сохранить приказ {parsed?.document.year} года в {cycle?.year} год проекта
                </Checkbox>
              }
              data-testid="year-mismatch"
            />
          )}
          {existing && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="roadmap-exists"
              title={existing.message}
              description={
                existing.status === 'approved'
                  ? 'Вторая дорожная карта для той же территории не создаётся. Загруженный приказ можно внести как изменения в действующую: строки сопоставляются по номеру и названию, вы увидите новую редакцию в истории.'
                  : 'Вторая дорожная карта для той же территории не создаётся: откройте черновик и исправьте его.'
              }
              action={
                existing.status === 'approved' ? (
                  <Button type="primary" size="small" loading={busy === 'save'} onClick={amendExisting} data-testid="import-as-amendment">
                    Внести как изменения
                  </Button>
                ) : (
                  <Link to={`/roadmaps/${existing.id}`}>
                    <Button size="small">Открыть черновик</Button>
                  </Link>
                )
              }
            />
          )}
          {remarks.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title="Замечания к документу"
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {remarks.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              }
              data-testid="document-flags"
            />
          )}
          <SummaryBar
            items={stats.items}
            flagged={stats.flagged}
            hinted={stats.hinted}
            numbering={stats.numbering}
            saving={busy === 'save'}
            onSave={save}
            extra={
              parsed && (
                <Space>
                  <Switch checked={showSource} onChange={setShowSource} size="small" data-testid="toggle-source" />
                  <span>исходный текст рядом</span>
                  <Button
                    size="small"
                    onClick={() => {
                      setParsed(null);
                      dispatch({ type: 'replace', rows: [] });
                      setDirty(false);
                    }}
                  >
                    Другой документ
                  </Button>
                </Space>
              )
            }
          />
          <Row gutter={12}>
            {sourceVisible && (
              <Col xs={24} xl={8} style={{ marginBottom: 12 }}>
                <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
                  <FileTextOutlined /> Исходный текст (строка, которую вы правите, подсвечивается)
                </Typography.Text>
                <SourcePanel text={parsed.sourceText} focus={focus} height="70vh" />
              </Col>
            )}
            <Col xs={24} xl={sourceVisible ? 16 : 24}>
              <ItemsEditor
                rows={rows}
                dispatch={trackedDispatch}
                defaultYear={defaultYear}
                onFocusRow={setFocusKey}
                height={sourceVisible ? '70vh' : undefined}
              />
            </Col>
          </Row>
          <div style={{ marginTop: 16, display: 'flex', justifyContent: 'flex-end' }}>
            <Button type="primary" size="large" icon={<SaveOutlined />} loading={busy === 'save'} onClick={save}>
              Сохранить дорожную карту
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

export function SummaryBar({
  items,
  flagged,
  hinted = 0,
  numbering,
  saving,
  onSave,
  saveLabel = 'Сохранить',
  extra,
}: {
  items: number;
  flagged: number;
  hinted?: number;
  numbering: string[];
  saving: boolean;
  onSave: () => void;
  saveLabel?: string;
  extra?: ReactNode;
}) {
  return (
    <div
      style={{
        position: 'sticky',
        top: 0,
        zIndex: 5,
        background: '#fff',
        padding: '8px 12px',
        border: '1px solid #f0f0f0',
        borderRadius: 8,
        marginBottom: 12,
        display: 'flex',
        flexWrap: 'wrap',
        gap: 12,
        alignItems: 'center',
        justifyContent: 'space-between',
      }}
      data-testid="editor-summary"
    >
      <Space wrap size={16}>
        <span>
          Мероприятий: <b data-testid="items-count">{items}</b>
        </span>
        <span style={{ color: flagged ? '#cf1322' : '#389e0d' }}>
          {flagged ? 'С замечаниями: ' : 'Замечаний нет'}
          {flagged > 0 && <b data-testid="flagged-count">{flagged}</b>}
          {flagged === 0 && <span data-testid="flagged-count" hidden>0</span>}
        </span>
        {hinted > 0 && (
          <Tooltip title="Замечания разбора, которые стоит просмотреть (выделены жёлтым); уберите их крестиком, когда проверите">
            <span style={{ color: '#ad6800' }}>
              Проверить: <b data-testid="hinted-count">{hinted}</b>
            </span>
          </Tooltip>
        )}
        {numbering.length > 0 && (
          <Typography.Text type="warning" data-testid="numbering-remarks">
            Нумерация: {numbering.join('; ')}
          </Typography.Text>
        )}
        {extra}
      </Space>
      <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={onSave} data-testid="save-roadmap">
        {saveLabel}
      </Button>
    </div>
  );
}

function SourceStep({
  text,
  setText,
  busy,
  onParse,
}: {
  text: string;
  setText: (t: string) => void;
  busy: boolean;
  onParse: (body: FormData | { text: string }) => void;
}) {
  return (
    <Card>
      <Typography.Paragraph>
        Загрузите приказ с дорожной картой (план-графиком) — файл Word (.docx) или текст (.txt), либо вставьте текст приказа. Мы разберём
        таблицу мероприятий и покажем её для проверки; ничего не сохранится, пока вы не нажмёте «Сохранить».
      </Typography.Paragraph>
      <Tabs
        items={[
          {
            key: 'file',
            label: 'Загрузить файл',
            children: (
              <Upload.Dragger
                accept=".docx,.txt"
                maxCount={1}
                multiple={false}
                showUploadList={false}
                disabled={busy}
                beforeUpload={(file) => {
                  const body = new FormData();
                  body.append('file', file, file.name);
                  onParse(body);
                  return false;
                }}
                data-testid="import-upload"
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{busy ? 'Разбираем документ…' : 'Перетащите файл сюда или нажмите, чтобы выбрать'}</p>
                <p className="ant-upload-hint">Word (.docx) или текст (.txt)</p>
              </Upload.Dragger>
            ),
          },
          {
            key: 'text',
            label: 'Вставить текст',
            children: (
              <>
                <Input.TextArea
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  autoSize={{ minRows: 10, maxRows: 24 }}
                  placeholder="Скопируйте сюда весь текст приказа вместе с таблицей мероприятий (Ctrl+A, Ctrl+C в Word, затем Ctrl+V здесь)"
                  style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 12 }}
                  data-testid="import-text"
                />
                <Button
                  type="primary"
                  style={{ marginTop: 12 }}
                  loading={busy}
                  disabled={text.trim() === ''}
                  onClick={() => onParse({ text })}
                  data-testid="parse-button"
                >
                  Разобрать текст
                </Button>
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
