// Execution of a roadmap at a monitoring stage: the stage result, each activity's status with the
// actions the user may take, comments and evidence files.
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Empty, Form, Input, List, Modal, Popconfirm, Progress, Space, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { ButtonProps } from 'antd';
import { allowedActions, type ExecutionAction } from '../../../domain/monitoring/execution';
import { STATUS_LABELS } from '../../../domain/monitoring/stages';
import { api } from '../../shared/api';
import { errorText } from '../../shared/forms';
import {
  fileSize,
  ruDate,
  ruPercent,
  refreshRoadmaps,
  STATUS_COLORS,
  type Item,
  type Mark,
  type RoadmapSummary,
  type ShownStatus,
  type Stage,
  type StageResult,
} from './api';

export const ACTION_LABELS: Record<ExecutionAction, string> = {
  start: 'Начать',
  complete: 'Выполнено',
  reopen: 'Вернуть в работу',
  confirm: 'Подтвердить',
  return: 'На доработку',
  unconfirm: 'Снять подтверждение',
};

const DONE_MESSAGES: Record<ExecutionAction, string> = {
  start: 'взято в работу',
  complete: 'отмечено выполненным',
  reopen: 'возвращено в работу',
  confirm: 'подтверждено',
  return: 'возвращено на доработку',
  unconfirm: 'подтверждение снято',
};

const EMPTY_MARK: Mark = {
  status: 'planned',
  shown: 'planned',
  executedOn: null,
  carried: false,
  comment: '',
  reviewComment: '',
  updatedAt: null,
  confirmedAt: null,
  evidence: [],
};

/** The item's mark at the stage; a missing mark is «запланировано» (shown as overdue when the date has passed). */
export function markOf(item: Item, stageId: number | undefined, today: string): Mark {
  const mark = stageId === undefined ? undefined : item.marks[stageId];
  if (mark) return mark;
  const overdue = item.dueDate !== null && item.dueDate < today;
  return { ...EMPTY_MARK, shown: overdue ? 'overdue' : 'planned' };
}

export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Actions of this user on this mark: the owner's and/or the reviewer's. */
export function actionsFor(roadmap: RoadmapSummary, mark: Mark): ExecutionAction[] {
  return [
    ...(roadmap.can.mark ? allowedActions(mark.status, 'owner') : []),
    ...(roadmap.can.confirm ? allowedActions(mark.status, 'reviewer') : []),
  ];
}

export function StatusTag({ status }: { status: ShownStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="status-tag" data-status={status} style={{ marginInlineEnd: 0 }}>
      {STATUS_LABELS[status]}
    </Tag>
  );
}

/** Opens the list of activities behind a figure. */
export type ShowList = (title: string, ids: number[]) => void;

function Figure({ n, ids, title, onList, testId }: { n: number; ids: number[]; title: string; onList?: ShowList | undefined; testId: string }) {
  if (!onList || n === 0) return <span data-testid={testId}>{n}</span>;
  return (
    <a onClick={() => onList(title, ids)} data-testid={testId}>
      {n}
    </a>
  );
}

/**
 * «Исполнено и подтверждено: 5 из 12 (41,7%) — порог 45%» with a bar coloured by met / not met, and «от всего плана»;
 * every figure opens the activities behind it.
 */
export function StageResultView({ result, stage, compact, onList }: { result: StageResult | undefined; stage: Stage; compact?: boolean; onList?: ShowList }) {
  if (!result || result.due === 0 || result.percent === null) {
    return (
      <Typography.Text type="secondary" data-testid="stage-percent" data-percent="">
        К дате замера ({ruDate(stage.measuredOn)}) мероприятий со сроком нет — процент не считается. Порог {stage.thresholdPercent}%.
      </Typography.Text>
    );
  }
  const color = result.met ? '#389e0d' : '#cf1322';
  const waiting = result.ids.done.filter((id) => !result.ids.confirmed.includes(id));
  return (
    <div data-testid="stage-result">
      <Typography.Text strong={!compact} data-testid="stage-percent" data-percent={String(result.percent)}>
        Исполнено и подтверждено к сроку:{' '}
        <Figure n={result.confirmed} ids={result.ids.confirmed} title="Исполнено и подтверждено" onList={onList} testId="figure-confirmed" /> из{' '}
        <Figure n={result.due} ids={result.ids.due} title={`Со сроком до ${ruDate(result.measuredOn)}`} onList={onList} testId="figure-due" /> (
        {ruPercent(result.percent)}) — порог {result.thresholdPercent}%
      </Typography.Text>{' '}
      <Tag color={result.met ? 'success' : 'error'} data-testid="stage-met">
        {result.met ? 'порог достигнут' : 'порог не достигнут'}
      </Tag>
      <Progress
        percent={result.percent}
        strokeColor={color}
        format={() => ruPercent(result.percent)}
        style={{ maxWidth: 520, marginBottom: 0 }}
        status="normal"
      />
      <div style={{ fontSize: 13 }}>
        <Typography.Text type="secondary" data-testid="plan-figure">
          От всего плана{result.revision ? ` (редакция ${result.revision})` : ''}: подтверждено {result.planConfirmed} из{' '}
          <Figure n={result.plan} ids={result.ids.plan} title="Все мероприятия действующей редакции" onList={onList} testId="figure-plan" /> ({ruPercent(result.planPercent)}).
        </Typography.Text>
        {waiting.length > 0 && (
          <Typography.Text type="secondary">
            {' '}
            Ждут подтверждения: <Figure n={waiting.length} ids={waiting} title="Отмечены выполненными, ждут подтверждения" onList={onList} testId="figure-waiting" />.
          </Typography.Text>
        )}
      </div>
    </div>
  );
}

interface MarkTarget {
  roadmap: RoadmapSummary;
  item: Item;
  stage: Stage;
}

function markUrl({ roadmap, item, stage }: MarkTarget) {
  return `/api/roadmaps/${roadmap.id}/items/${item.id}/stages/${stage.id}`;
}

/** Runs an action; «Выполнено» asks for an optional comment, «На доработку» for a required one. */
export function useMarkAction() {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string>();
  const [asking, setAsking] = useState<{ target: MarkTarget; action: ExecutionAction }>();

  const send = async (target: MarkTarget, action: ExecutionAction, comment?: string, executedOn?: string): Promise<boolean> => {
    setBusy(`${target.item.id}:${action}`);
    try {
      await api.post<{ mark: Mark }>(`${markUrl(target)}/mark`, { action, ...(comment !== undefined ? { comment } : {}), ...(executedOn ? { executedOn } : {}) });
      await refreshRoadmaps(client);
      const title = target.item.title.length > 50 ? `${target.item.title.slice(0, 50)}…` : target.item.title;
      message.success(`«${target.item.number ? target.item.number + '. ' : ''}${title}» — ${DONE_MESSAGES[action]}`);
      return true;
    } catch (e) {
      message.error(errorText(e));
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  const run = (target: MarkTarget, action: ExecutionAction) => {
    if (action === 'complete' || action === 'return') setAsking({ target, action });
    else void send(target, action);
  };

  const modal = asking ? (
    <CommentModal
      action={asking.action}
      item={asking.target.item}
      initial={asking.action === 'complete' ? markOf(asking.target.item, asking.target.stage.id, todayIso()).comment : ''}
      onCancel={() => setAsking(undefined)}
      onOk={async (comment, executedOn) => {
        if (await send(asking.target, asking.action, comment, executedOn)) setAsking(undefined);
      }}
    />
  ) : null;

  return { run, busy, modal };
}

function CommentModal({
  action,
  item,
  initial,
  onOk,
  onCancel,
}: {
  action: ExecutionAction;
  item: Item;
  initial: string;
  onOk: (comment: string, executedOn?: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [comment, setComment] = useState(initial);
  const today = todayIso();
  const [executedOn, setExecutedOn] = useState(today);
  const badDate = action === 'complete' && (!/^\d{4}-\d{2}-\d{2}$/.test(executedOn) || executedOn > today);
  const [busy, setBusy] = useState(false);
  const required = action === 'return';
  const [touched, setTouched] = useState(false);
  const missing = required && comment.trim() === '';
  return (
    <Modal
      open
      title={action === 'return' ? 'Вернуть на доработку' : 'Отметить как выполненное'}
      okText={action === 'return' ? 'Вернуть на доработку' : 'Отметить выполненным'}
      cancelText="Отмена"
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'comment-ok' } as ButtonProps}
      onCancel={onCancel}
      onOk={async () => {
        setTouched(true);
        if (missing || badDate) return;
        setBusy(true);
        try {
          await onOk(comment.trim(), action === 'complete' ? executedOn : undefined);
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {item.number ? `${item.number}. ` : ''}
        {item.title}
      </Typography.Paragraph>
      <Form layout="vertical">
        {action === 'complete' && (
          <Form.Item
            label="Дата выполнения"
            validateStatus={touched && badDate ? 'error' : undefined}
            help={touched && badDate ? 'Дата не позже сегодняшней' : item.timing.period || item.timing.recurrence ? 'Отметка этого этапа' : 'Выполненное мероприятие засчитывается на всех следующих этапах'}
          >
            <Input type="date" value={executedOn} max={today} onChange={(e) => setExecutedOn(e.target.value)} style={{ maxWidth: 200 }} data-testid="executed-on-input" />
          </Form.Item>
        )}
        <Form.Item
          label={required ? 'Что нужно доработать' : 'Комментарий: что сделано (необязательно)'}
          validateStatus={touched && missing ? 'error' : undefined}
          help={touched && missing ? 'Напишите, что нужно доработать' : undefined}
        >
          <Input.TextArea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={2000}
            autoFocus={action !== 'complete'}
            data-testid="mark-comment"
          />
        </Form.Item>
      </Form>
      {action === 'complete' && (
        <Typography.Text type="secondary">Подтверждающие документы можно приложить в карточке мероприятия («Документы»).</Typography.Text>
      )}
    </Modal>
  );
}

/** Action buttons of one activity at the stage. */
export function ActionButtons({
  target,
  mark,
  run,
  busy,
  size = 'small',
}: {
  target: MarkTarget;
  mark: Mark;
  run: (target: MarkTarget, action: ExecutionAction) => void;
  busy: string | undefined;
  size?: 'small' | 'middle';
}) {
  const actions = actionsFor(target.roadmap, mark);
  if (actions.length === 0) return null;
  return (
    <Space wrap size={4}>
      {actions.map((action) => {
        const button = (
          <Button
            key={action}
            size={size}
            type={action === 'complete' || action === 'confirm' ? 'primary' : 'default'}
            danger={action === 'return' || action === 'unconfirm'}
            ghost={action === 'complete' || action === 'confirm'}
            loading={busy === `${target.item.id}:${action}`}
            disabled={busy !== undefined && busy !== `${target.item.id}:${action}`}
            onClick={action === 'unconfirm' ? undefined : () => run(target, action)}
            data-testid={`action-${action}`}
          >
            {ACTION_LABELS[action]}
          </Button>
        );
        return action === 'unconfirm' ? (
          <Popconfirm
            key={action}
            title="Снять подтверждение?"
            description="Мероприятие снова будет ждать подтверждения."
            okText="Снять"
            cancelText="Отмена"
            onConfirm={() => run(target, action)}
          >
            {button}
          </Popconfirm>
        ) : (
          button
        );
      })}
    </Space>
  );
}

/** The «Исполнение» cell of an activity in the roadmap table. */
export function ExecutionCell({
  target,
  mark,
  run,
  busy,
  onOpen,
}: {
  target: MarkTarget;
  mark: Mark;
  run: (target: MarkTarget, action: ExecutionAction) => void;
  busy: string | undefined;
  onOpen: () => void;
}) {
  return (
    <div data-testid="execution-cell">
      <Space size={4} wrap style={{ marginBottom: 4 }}>
        <StatusTag status={mark.shown} />
        {mark.executedOn && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="executed-on">
            {ruDate(mark.executedOn)}
          </Typography.Text>
        )}
        <Button type="link" size="small" icon={<PaperClipOutlined />} onClick={onOpen} style={{ paddingInline: 4 }} data-testid="open-item">
          {mark.evidence.length ? `Документы (${mark.evidence.length})` : 'Документы и комментарии'}
        </Button>
      </Space>
      {mark.comment && (
        <div style={{ fontSize: 12 }} data-testid="mark-comment-text">
          <Typography.Text type="secondary">Комментарий: </Typography.Text>
          {mark.comment}
        </div>
      )}
      {mark.reviewComment && (
        <div style={{ fontSize: 12, color: '#d46b08' }} data-testid="review-comment-text">
          Замечание проверяющего: {mark.reviewComment}
        </div>
      )}
      <div style={{ marginTop: 4 }}>
        <ActionButtons target={target} mark={mark} run={run} busy={busy} />
      </div>
    </div>
  );
}

/** Card of one activity at a stage: the activity, its status, comments, evidence files and actions. */
export function ItemDrawer({
  target,
  mark,
  run,
  busy,
  onClose,
}: {
  target: MarkTarget;
  mark: Mark;
  run: (target: MarkTarget, action: ExecutionAction) => void;
  busy: string | undefined;
  onClose: () => void;
}) {
  const { item, roadmap, stage } = target;
  const client = useQueryClient();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string>();

  const remove = async (evidenceId: number) => {
    try {
      await api.delete(`/api/roadmaps/${roadmap.id}/evidence/${evidenceId}`);
      await refreshRoadmaps(client);
      message.success('Файл удалён');
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Drawer open size={560} title={`${item.number ? item.number + '. ' : ''}${item.title}`} onClose={onClose} data-testid="item-drawer">
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="Сроки">
          {item.timingText || '—'}
          {item.timingFormatted && item.timingFormatted !== item.timingText && (
            <div style={{ color: '#8c8c8c', fontSize: 12 }}>→ {item.timingFormatted}</div>
          )}
          {item.dueDate && <div style={{ fontSize: 12 }}>Контрольная дата: {ruDate(item.dueDate)}</div>}
        </Descriptions.Item>
        <Descriptions.Item label="Ответственные">{item.responsibleText || '—'}</Descriptions.Item>
        <Descriptions.Item label="Показатель">{item.indicator || '—'}</Descriptions.Item>
        {item.infoSupport && <Descriptions.Item label="Инф. сопровождение">{item.infoSupport}</Descriptions.Item>}
      </Descriptions>

      <Typography.Title level={5}>
        {stage.title}: <StatusTag status={mark.shown} />
      </Typography.Title>
      {mark.updatedAt && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          Изменено {ruDate(mark.updatedAt)}
          {mark.confirmedAt ? ` · подтверждено ${ruDate(mark.confirmedAt)}` : ''}
        </Typography.Paragraph>
      )}
      {mark.comment && (
        <Alert type="info" title="Комментарий исполнителя" description={mark.comment} style={{ marginBottom: 8 }} />
      )}
      {mark.reviewComment && (
        <Alert type="warning" title="Замечание проверяющего" description={mark.reviewComment} style={{ marginBottom: 8 }} />
      )}
      <div style={{ margin: '12px 0' }}>
        <ActionButtons target={target} mark={mark} run={run} busy={busy} size="middle" />
      </div>

      <Typography.Title level={5}>Подтверждающие документы</Typography.Title>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} closable={{ onClose: () => setError(undefined) }} />}
      {mark.evidence.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Файлов пока нет" />
      ) : (
        <List
          size="small"
          dataSource={mark.evidence}
          data-testid="evidence-list"
          renderItem={(ev) => (
            <List.Item
              actions={
                roadmap.can.mark
                  ? [
                      <Popconfirm key="del" title={`Удалить файл «${ev.name}»?`} okText="Удалить" cancelText="Отмена" okButtonProps={{ danger: true }} onConfirm={() => remove(ev.id)}>
                        <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label="Удалить файл" data-testid="evidence-delete" />
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <a href={`/api/files/${ev.fileId}`} target="_blank" rel="noreferrer" data-testid="evidence-link">
                <PaperClipOutlined /> {ev.name}
              </a>
              <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
                {fileSize(ev.size)} · {ruDate(ev.uploadedAt)}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
      {roadmap.can.mark && (
        <Upload
          accept=".pdf,.docx,.xlsx,.odt,.jpg,.jpeg,.png"
          showUploadList={false}
          multiple
          customRequest={async ({ file, onSuccess, onError }) => {
            setUploading(true);
            setError(undefined);
            try {
              const body = new FormData();
              const f = file as File;
              body.append('file', f, f.name);
              await api.post(`${markUrl(target)}/evidence`, body);
              await refreshRoadmaps(client);
              message.success(`Файл «${f.name}» загружен`);
              onSuccess?.({});
            } catch (e) {
              setError(errorText(e));
              onError?.(e as Error);
            } finally {
              setUploading(false);
            }
          }}
          data-testid="evidence-upload"
        >
          <Button icon={<UploadOutlined />} loading={uploading} style={{ marginTop: 8 }}>
            Приложить файл
          </Button>
        </Upload>
      )}
      {roadmap.can.mark && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
          PDF, Word (.docx), Excel (.xlsx), .odt, JPG или PNG, до 20 МБ.
        </Typography.Paragraph>
      )}
    </Drawer>
  );
}
