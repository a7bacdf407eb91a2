// /roadmaps/:id — one roadmap: order details, the activities with their hierarchy and timing,
// execution at the chosen monitoring stage, and the edit mode (same editor as the import).
import { ArrowLeftOutlined, EditOutlined, FileTextOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, List, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import type { RevisionDiff } from '../../../domain/roadmaps/revisions';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useReducer, useState, type HTMLAttributes } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../shared/api';
import { applyApiError, errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { useUser } from '../auth/session';
import {
  LEVEL_LABELS,
  orderLabel,
  refreshRoadmaps,
  ROADMAPS_KEY,
  ruDate,
  STATUS_TAGS,
  useRoadmap,
  type Item,
  type RoadmapDetail,
  type RoadmapSummary,
  type Stage,
} from './api';
import { editorStats, editReducer, splitItemErrors, toEditRow, toItemInput } from './editor-model';
import { ExecutionCell, ItemDrawer, markOf, StageResultView, todayIso, useMarkAction } from './Execution';
import { SummaryBar } from './ImportPage';
import { ItemsEditor } from './ItemsEditor';
import { MeasureBinding } from '../results/MeasureBinding';
import { ApproveButton, DiffView, OrderFields, RevisionsButton, type OrderValues } from './Lifecycle';
import { ChangesButton, copyTarget, CopyButton, DeleteButton, ExportMenu } from './RoadmapActions';
import { DetailsFields, SourcePanel, useLeaveGuard, type DetailsValues } from './RoadmapForm';

export function RoadmapPage() {
  const id = Number(useParams().roadmapId);
  const query = useRoadmap(id);
  return <QueryState query={query}>{(detail) => <RoadmapView detail={detail} />}</QueryState>;
}

/** The stage shown by default: the next measurement from today, else the last one. */
function defaultStage(stages: Stage[]): Stage | undefined {
  const today = todayIso();
  const sorted = [...stages].sort((a, b) => a.number - b.number);
  return sorted.find((s) => s.measuredOn >= today) ?? sorted[sorted.length - 1];
}

function RoadmapView({ detail }: { detail: RoadmapDetail }) {
  const { roadmap } = detail;
  const user = useUser();
  const [editing, setEditing] = useState<false | 'draft' | 'amend'>(false);
  const [showSource, setShowSource] = useState(false);
  const copy = copyTarget(roadmap, user.role);

  return (
    <div data-testid="roadmap-page" data-roadmap-id={roadmap.id}>
      <Link to={`/roadmaps?cycle=${roadmap.cycleId}`}>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          Дорожные карты {roadmap.year}
        </Button>
      </Link>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'flex-start', marginBottom: 12 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="roadmap-territory">
            {roadmap.territory}
          </Typography.Title>
          <Space wrap size={4}>
            <Tag color="blue">{LEVEL_LABELS[roadmap.level]} дорожная карта</Tag>
            <Tag color={STATUS_TAGS[roadmap.status].color} data-testid="roadmap-status" data-status={roadmap.status}>
              {STATUS_TAGS[roadmap.status].label}
              {roadmap.status === 'approved' ? `, редакция ${roadmap.revision}` : ''}
            </Tag>
            <Tag>{roadmap.year} год</Tag>
            {roadmap.templateId !== null && <Tag color="purple">копия шаблона</Tag>}
            {roadmap.flaggedCount > 0 && (
              <Tag color="orange" icon={<WarningOutlined />} data-testid="roadmap-flagged">
                с замечаниями: {roadmap.flaggedCount}
              </Tag>
            )}
          </Space>
        </div>
        {!editing && (
          <Space wrap>
            {roadmap.can.edit && roadmap.status === 'draft' && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setEditing('draft')} data-testid="roadmap-edit">
                  Изменить
                </Button>
                <ApproveButton roadmap={roadmap} />
              </>
            )}
            {roadmap.can.edit && roadmap.status === 'approved' && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing('amend')} data-testid="roadmap-amend">
                Внести изменения
              </Button>
            )}
            <RevisionsButton detail={detail} />
            {copy && <CopyButton roadmap={roadmap} target={copy} />}
            {roadmap.templateId !== null && <ChangesButton roadmap={roadmap} />}
            {detail.sourceText && (
              <Button icon={<FileTextOutlined />} onClick={() => setShowSource(true)} data-testid="roadmap-source">
                Исходный текст
              </Button>
            )}
            <ExportMenu roadmap={roadmap} />
            {roadmap.can.edit && roadmap.status === 'draft' && <DeleteButton roadmap={roadmap} />}
          </Space>
        )}
      </div>

      {editing ? (
        <EditMode detail={detail} amend={editing === 'amend'} onDone={() => setEditing(false)} />
      ) : (
        <>
          <OrderCard roadmap={roadmap} />
          <ExecutionView detail={detail} />
        </>
      )}

      {showSource && detail.sourceText && (
        <Drawer open size={720} title="Исходный текст приказа" onClose={() => setShowSource(false)}>
          <SourcePanel text={detail.sourceText} height="calc(100vh - 140px)" />
        </Drawer>
      )}
    </div>
  );
}

function OrderCard({ roadmap }: { roadmap: RoadmapSummary }) {
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="order-details">
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="Приказ">{orderLabel(roadmap) || '—'}</Descriptions.Item>
        <Descriptions.Item label="Издал">{roadmap.orderAuthority || '—'}</Descriptions.Item>
        <Descriptions.Item label="Название" span={2}>
          {roadmap.title}
        </Descriptions.Item>
        <Descriptions.Item label="Мероприятий">{roadmap.itemCount}</Descriptions.Item>
        <Descriptions.Item label="Изменена">{ruDate(roadmap.updatedAt)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** Depth of each item by its parent chain («3» → 0, «3.1» → 1). */
function depths(items: Item[]): Map<number, number> {
  const byId = new Map(items.map((i) => [i.id, i]));
  const out = new Map<number, number>();
  for (const item of items) {
    let d = 0;
    let p = item.parentId;
    while (p !== null && d < 10) {
      d += 1;
      p = byId.get(p)?.parentId ?? null;
    }
    out.set(item.id, d);
  }
  return out;
}

function ExecutionView({ detail }: { detail: RoadmapDetail }) {
  const { roadmap, items, stages, monitoring } = detail;
  const [params, setParams] = useSearchParams();
  const sorted = useMemo(() => [...stages].sort((a, b) => a.number - b.number), [stages]);
  const stage = sorted.find((s) => s.id === Number(params.get('stage'))) ?? defaultStage(sorted);
  const result = monitoring.find((m) => m.stageId === stage?.id);
  const today = todayIso();
  const { run, busy, modal } = useMarkAction();
  const [openItem, setOpenItem] = useState<number>();
  const depth = useMemo(() => depths(items), [items]);
  const overdueItems = items.filter((i) => result?.overdue.includes(i.id));
  const [listed, setListed] = useState<{ title: string; ids: number[] }>();
  const draft = roadmap.status === 'draft';
  const [allOverdue, setAllOverdue] = useState(false);
  const OVERDUE_SHOWN = 5;

  const setStage = (id: number) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('stage', String(id));
        return next;
      },
      { replace: true },
    );

  const columns: ColumnsType<Item> = [
    {
      title: '№',
      dataIndex: 'number',
      width: 56,
      render: (n: string | null, item) => <span style={{ paddingLeft: (depth.get(item.id) ?? 0) * 12 }}>{n ?? '—'}</span>,
    },
    {
      title: 'Мероприятие',
      dataIndex: 'title',
      width: 280,
      render: (title: string, item) => (
        <div style={{ paddingLeft: (depth.get(item.id) ?? 0) * 16 }}>
          {title}
          {item.flags.length > 0 && (
            <div style={{ fontSize: 12, color: '#d46b08', marginTop: 2 }} data-testid="item-flags">
              <WarningOutlined /> {item.flags.join('; ')}
            </div>
          )}
        </div>
      ),
    },
    {
      title: 'Сроки',
      dataIndex: 'timingText',
      width: 160,
      render: (text: string, item) => (
        <>
          <div style={{ whiteSpace: 'pre-line' }}>{text || '—'}</div>
          {item.timingFormatted && item.timingFormatted !== text && (
            <div style={{ fontSize: 12, color: '#8c8c8c' }} data-testid="item-timing-parsed">
              → {item.timingFormatted}
            </div>
          )}
          {item.dueDate && <div style={{ fontSize: 12, color: '#8c8c8c' }}>срок: {ruDate(item.dueDate)}</div>}
        </>
      ),
    },
    { title: 'Ответственные', dataIndex: 'responsibleText', width: 150 },
    {
      title: 'Показатель реализации',
      dataIndex: 'indicator',
      width: 190,
      render: (text: string, item: Item) => (
        <>
          {text}
          <MeasureBinding roadmapId={roadmap.id} itemId={item.id} measure={item.measure ?? null} value={item.measureValue} canEdit={roadmap.can.edit} />
        </>
      ),
    },
    ...(stage && !draft
      ? [
          {
            title: `Исполнение (этап ${stage.number})`,
            key: 'execution',
            width: 240,
            render: (_: unknown, item: Item) => (
              <ExecutionCell
                target={{ roadmap, item, stage }}
                mark={markOf(item, stage.id, today)}
                run={run}
                busy={busy}
                onOpen={() => setOpenItem(item.id)}
              />
            ),
          },
        ]
      : []),
  ];

  const opened = items.find((i) => i.id === openItem);

  return (
    <>
      {stage ? (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="stage-card">
          <Space wrap style={{ marginBottom: 8 }}>
            <Typography.Text strong>Этап мониторинга:</Typography.Text>
            <Segmented<number>
              value={stage.id}
              onChange={setStage}
              options={sorted.map((s) => ({ value: s.id, label: `${s.number} · до ${ruDate(s.measuredOn)}` }))}
              data-testid="stage-select"
            />
          </Space>
          <div style={{ marginBottom: 4 }}>
            <Typography.Text type="secondary">
              {stage.title}; замер {ruDate(stage.measuredOn)}; порог {stage.thresholdPercent}%.{' '}
              {roadmap.can.mark && 'Отмечайте выполненные мероприятия; подтверждает их вышестоящий уровень.'}
              {roadmap.can.confirm && !roadmap.can.mark && 'Вы подтверждаете выполнение мероприятий этой дорожной карты.'}
            </Typography.Text>
          </div>
          {draft ? (
            <Alert
              type="warning"
              showIcon
              data-testid="draft-notice"
              title="Черновик: не учитывается в мониторинге"
              description="Проверьте мероприятия и утвердите дорожную карту приказом — после этого ставятся отметки об исполнении и считаются доли этапов."
            />
          ) : (
            <StageResultView result={result} stage={stage} onList={(title, ids) => setListed({ title, ids })} />
          )}
          {overdueItems.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 12 }}
              title={`Просрочено: ${overdueItems.length}`}
              data-testid="overdue-list"
              description={
                <List
                  size="small"
                  split={false}
                  dataSource={allOverdue ? overdueItems : overdueItems.slice(0, OVERDUE_SHOWN)}
                  footer={
                    overdueItems.length > OVERDUE_SHOWN && (
                      <a onClick={() => setAllOverdue(!allOverdue)} data-testid="overdue-toggle">
                        {allOverdue ? 'Свернуть' : `Показать все (${overdueItems.length})`}
                      </a>
                    )
                  }
                  renderItem={(i) => (
                    <List.Item style={{ padding: '2px 0' }}>
                      <a onClick={() => setOpenItem(i.id)}>
                        {i.number ? `${i.number}. ` : ''}
                        {i.title.length > 120 ? `${i.title.slice(0, 120)}…` : i.title}
                      </a>
                      {i.dueDate && <Typography.Text type="secondary"> — срок {ruDate(i.dueDate)}</Typography.Text>}
                    </List.Item>
                  )}
                />
              }
            />
          )}
        </Card>
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="Этапы мониторинга для этого года ещё не заданы." />
      )}

      <Table<Item>
        rowKey="id"
        size="small"
        bordered
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ x: 1060 }}
        data-testid="items-table"
        onRow={(item) => ({
          'data-testid': 'item-row',
          'data-item-id': item.id,
          style: result?.overdue.includes(item.id) ? { background: '#fff7f6' } : undefined,
        }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: 'В дорожной карте пока нет мероприятий' }}
      />
      {opened && stage && (
        <ItemDrawer
          target={{ roadmap, item: opened, stage }}
          mark={markOf(opened, stage.id, today)}
          run={run}
          busy={busy}
          onClose={() => setOpenItem(undefined)}
        />
      )}
      {listed && (
        <Drawer open title={`${listed.title} — этап ${stage?.number ?? ''}`} size={560} onClose={() => setListed(undefined)} data-testid="figure-list">
          <List
            size="small"
            dataSource={[...items, ...detail.removedItems].filter((i) => listed.ids.includes(i.id))}
            locale={{ emptyText: 'Нет мероприятий' }}
            renderItem={(i) => (
              <List.Item data-testid="figure-item">
                <a
                  onClick={() => {
                    setListed(undefined);
                    if (items.some((x) => x.id === i.id)) setOpenItem(i.id);
                  }}
                >
                  {i.number ? `${i.number}. ` : ''}
                  {i.title.length > 140 ? `${i.title.slice(0, 140)}…` : i.title}
                </a>
                {!items.some((x) => x.id === i.id) && <Tag style={{ marginLeft: 8 }}>исключено</Tag>}
              </List.Item>
            )}
          />
        </Drawer>
      )}
      {modal}
    </>
  );
}

function detailsOf(r: RoadmapSummary): DetailsValues {
  return { title: r.title, orderAuthority: r.orderAuthority, orderNumber: r.orderNumber, orderDate: r.orderDate ?? '' };
}

function EditMode({ detail, amend, onDone }: { detail: RoadmapDetail; amend: boolean; onDone: () => void }) {
  const { roadmap } = detail;
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<DetailsValues>();
  const [orderForm] = Form.useForm<OrderValues>();
  const [diff, setDiff] = useState<RevisionDiff>();
  const [rows, dispatch] = useReducer(editReducer, detail.items, (items) => items.map((i) => toEditRow(i)));
  const [version, setVersion] = useState(roadmap.version);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState(false);
  useLeaveGuard(dirty);
  // The server reads a timing without a year in the roadmap's project year.
  const defaultYear = roadmap.year;
  const stats = useMemo(() => editorStats(rows, defaultYear), [rows, defaultYear]);

  const trackedDispatch = useCallback<typeof dispatch>((action) => {
    setDirty(true);
    dispatch(action);
  }, []);

  const put = async (withVersion: number) => {
    let values: DetailsValues;
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
    setBusy(true);
    setError(undefined);
    if (amend) {
      try {
        const order = await orderForm.validateFields();
        const body = { version: withVersion, ...order, orderTitle: order.orderTitle ?? '', items: rows.map(toItemInput) };
        const preview = await api.post<{ diff: RevisionDiff }>(`/api/roadmaps/${roadmap.id}/amendments/preview`, body);
        setPending(body);
        setDiff(preview.diff);
      } catch (e) {
        if (e instanceof ApiError) showError(e);
        else if (!(e && typeof e === 'object' && 'errorFields' in e)) setError(errorText(e));
        else setError('Заполните реквизиты приказа о внесении изменений.');
      } finally {
        setBusy(false);
      }
      return;
    }
    try {
      await api.put<{ roadmap: RoadmapSummary }>(`/api/roadmaps/${roadmap.id}`, {
        version: withVersion,
        title: values.title.trim(),
        orderAuthority: values.orderAuthority?.trim() ?? '',
        orderNumber: values.orderNumber?.trim() ?? '',
        orderDate: values.orderDate || null,
        items: rows.map(toItemInput),
      });
      setDirty(false);
      setConflict(false);
      await refreshRoadmaps(client);
      message.success('Изменения сохранены');
      onDone();
    } catch (e) {
      if (e instanceof ApiError) showError(e);
      else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const showError = (e: ApiError) => {
    if (e.status === 409 && e.code === 'conflict') {
      setConflict(true);
      return;
    }
    const { items, rest } = splitItemErrors(e.fields);
    dispatch({ type: 'serverErrors', errors: items });
    const left = rest.length ? applyApiError(amend ? orderForm : form, new ApiError(e.status, e.code, e.message, rest)) : undefined;
    setError(
      items.length
        ? `Не сохранено: исправьте замечания в строках ${[...new Set(items.map((i) => i.index + 1))].join(', ')}.${left ? ` ${left}` : ''}`
        : (left ?? (rest.length ? undefined : e.message)),
    );
  };

  /** The amendment after its diff was shown. */
  const [pending, setPending] = useState<Record<string, unknown>>();
  const saveAmendment = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      await api.post(`/api/roadmaps/${roadmap.id}/amendments`, pending);
      setDirty(false);
      setDiff(undefined);
      await refreshRoadmaps(client);
      message.success(`Изменения внесены: редакция ${roadmap.revision + 1}`);
      onDone();
    } catch (e) {
      setDiff(undefined);
      if (e instanceof ApiError) showError(e);
      else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  /** Someone else saved: fetch the current version and save ours over it. */
  const overwrite = async () => {
    try {
      const fresh = await api.get<RoadmapDetail>(`/api/roadmaps/${roadmap.id}`);
      setVersion(fresh.roadmap.version);
      await put(fresh.roadmap.version);
    } catch (e) {
      setError(errorText(e));
    }
  };

  /** Drop our edits and load the current version into the editor. */
  const reload = async () => {
    try {
      const fresh = await api.get<RoadmapDetail>(`/api/roadmaps/${roadmap.id}`);
      client.setQueryData([...ROADMAPS_KEY, 'one', roadmap.id], fresh);
      dispatch({ type: 'replace', rows: fresh.items.map((i) => toEditRow(i)) });
      form.setFieldsValue(detailsOf(fresh.roadmap));
      setVersion(fresh.roadmap.version);
      setConflict(false);
      setDirty(false);
      setError(undefined);
      message.info('Загружена актуальная версия');
    } catch (e) {
      setError(errorText(e));
    }
  };

  const cancel = () => {
    if (!dirty) return onDone();
    modal.confirm({
      title: 'Выйти без сохранения?',
      content: 'Сделанные изменения будут потеряны.',
      okText: 'Выйти без сохранения',
      cancelText: 'Продолжить редактирование',
      onOk: onDone,
    });
  };

  return (
    <div data-testid="roadmap-editor">
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="conflict-alert"
          title="Пока вы редактировали, эту дорожную карту изменил другой пользователь"
          description={
            <>
              Ваши правки не сохранены, но остались на экране — ничего не потеряно. Можно посмотреть актуальную версию{' '}
              <a href={`/roadmaps/${roadmap.id}`} target="_blank" rel="noreferrer">
                в новой вкладке
              </a>
              , а затем сохранить свои правки поверх неё или загрузить её вместо своих правок.
            </>
          }
          action={
            <Space orientation="vertical">
              <Button size="small" type="primary" onClick={overwrite} loading={busy} data-testid="conflict-overwrite">
                Сохранить мои правки поверх
              </Button>
              <Button
                size="small"
                danger
                onClick={() =>
                  modal.confirm({
                    title: 'Загрузить актуальную версию?',
                    content: 'Ваши несохранённые правки будут заменены актуальной версией.',
                    okText: 'Загрузить',
                    cancelText: 'Отмена',
                    onOk: reload,
                  })
                }
                data-testid="conflict-reload"
              >
                Загрузить актуальную версию
              </Button>
            </Space>
          }
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} closable={{ onClose: () => setError(undefined) }} data-testid="edit-error" />}
      {amend ? (
        <Form
          form={orderForm}
          layout="vertical"
          requiredMark={false}
          onValuesChange={() => setDirty(true)}
          initialValues={{
            orderAuthority: roadmap.orderAuthority,
            orderNumber: '',
            orderDate: todayIso(),
            orderTitle: `О внесении изменений в приказ${roadmap.orderDate ? ` от ${ruDate(roadmap.orderDate)}` : ''}${roadmap.orderNumber ? ` № ${roadmap.orderNumber}` : ''}`,
          }}
        >
          <Card size="small" title={`Приказ о внесении изменений (редакция ${roadmap.revision + 1})`} style={{ marginBottom: 12 }} data-testid="amendment-order">
            <OrderFields withTitle />
          </Card>
        </Form>
      ) : (
        <Form form={form} layout="vertical" requiredMark={false} initialValues={detailsOf(roadmap)} onValuesChange={() => setDirty(true)}>
          <Card size="small" title="Приказ" style={{ marginBottom: 12 }}>
            <DetailsFields />
          </Card>
        </Form>
      )}
      {diff && (
        <Modal
          open
          title="Проверьте изменения перед сохранением"
          okText={`Внести изменения (редакция ${roadmap.revision + 1})`}
          cancelText="Вернуться к правке"
          confirmLoading={busy}
          onOk={saveAmendment}
          onCancel={() => setDiff(undefined)}
          okButtonProps={{ 'data-testid': 'amend-ok' } as ButtonProps}
          width={720}
        >
          <DiffView diff={diff} />
        </Modal>
      )}
      <SummaryBar
        items={stats.items}
        flagged={stats.flagged}
        hinted={stats.hinted}
        numbering={stats.numbering}
        saving={busy}
        onSave={() => put(version)}
        saveLabel={amend ? 'Показать изменения' : 'Сохранить изменения'}
        extra={
          <Button onClick={cancel} data-testid="edit-cancel">
            Отменить
          </Button>
        }
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {amend
          ? 'Удалённые строки исключаются новой редакцией, но остаются в истории вместе с отметками; у изменённых строк отметки сохраняются.'
          : 'Удалённые строки удаляются; черновик не учитывается в мониторинге, пока не утверждён.'}
      </Typography.Paragraph>
      <ItemsEditor rows={rows} dispatch={trackedDispatch} defaultYear={defaultYear} />
    </div>
  );
}
