// One slot of a school's checklist: due date, state, the curator's comment, upload with progress, versions,
// the actions the user may take and the event history.
import { EditOutlined, HistoryOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Collapse, Form, Input, List, Modal, Popconfirm, Progress, Space, Tag, Timeline, Typography, Upload } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../shared/api';
import { errorText } from '../../shared/forms';
import { fileSize, ruDate } from '../roadmaps/api';
import {
  ACCEPT,
  DOCUMENT_ACTION_LABELS,
  DOCUMENT_STATUS_LABELS,
  EVENT_LABELS,
  refreshDocuments,
  ruDateTime,
  SLOT_STATE_COLORS,
  SLOT_STATE_LABELS,
  transitionDocument,
  uploadHint,
  uploadWithProgress,
  validateForSubmit,
  type Checklist,
  type DocumentAction,
  type DocumentView,
  type SlotState,
  type SlotView,
} from './api';

export function SlotStateTag({ state }: { state: SlotState }) {
  return (
    <Tag color={SLOT_STATE_COLORS[state]} data-testid="slot-state" data-state={state} style={{ marginInlineEnd: 0 }}>
      {SLOT_STATE_LABELS[state]}
    </Tag>
  );
}

const DONE: Record<DocumentAction, string> = {
  submit: 'Документ отправлен на проверку',
  withdraw: 'Документ отозван с проверки',
  confirm: 'Документ подтверждён',
  return: 'Документ возвращён на доработку',
  reopen: 'Подтверждение снято, документ возвращён школе',
};

/** Runs a document transition; «return» and «reopen» ask for a required comment. Stale versions say so. */
export function useDocumentAction(onConflict: (message: string) => void) {
  const client = useQueryClient();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<string>();
  const [asking, setAsking] = useState<{ slot: SlotView; doc: DocumentView; action: 'return' | 'reopen' }>();

  const send = async (doc: DocumentView, action: DocumentAction, comment?: string): Promise<boolean> => {
    setBusy(`${doc.id}:${action}`);
    try {
      await transitionDocument(doc.id, { action, version: doc.version, ...(comment !== undefined ? { comment } : {}) });
      await refreshDocuments(client);
      message.success(DONE[action]);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) onConflict(e.message);
      else if (e instanceof ApiError && e.fields.some((f) => f.path.startsWith('programme'))) {
        modal.error({
          title: e.message,
          content: (
            <ul style={{ paddingLeft: 18 }}>
              {e.fields.map((f) => (
                <li key={f.path}>{f.message}</li>
              ))}
            </ul>
          ),
        });
      } else message.error(errorText(e));
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  const run = (slot: SlotView, doc: DocumentView, action: DocumentAction) => {
    if (action === 'return' || action === 'reopen') {
      setAsking({ slot, doc, action });
      return;
    }
    if (action === 'submit' && doc.kind === 'antirisk_programme') {
      const issues = doc.programme ? validateForSubmit(doc.programme) : [{ path: 'goal', message: 'Программа не заполнена' }];
      if (issues.length > 0) {
        modal.warning({
          title: 'Заполните антирисковую программу перед отправкой',
          content: (
            <ul style={{ paddingLeft: 18 }}>
              {issues.slice(0, 8).map((i) => (
                <li key={i.path}>{i.message}</li>
              ))}
              {issues.length > 8 && <li>… и ещё {issues.length - 8}</li>}
            </ul>
          ),
        });
        return;
      }
    }
    void send(doc, action);
  };

  const dialog = asking ? (
    <CommentModal
      action={asking.action}
      title={asking.slot.title}
      onCancel={() => setAsking(undefined)}
      onOk={async (comment) => {
        if (await send(asking.doc, asking.action, comment)) setAsking(undefined);
      }}
    />
  ) : null;

  return { run, busy, dialog };
}

function CommentModal({
  action,
  title,
  onOk,
  onCancel,
}: {
  action: 'return' | 'reopen';
  title: string;
  onOk: (comment: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const missing = comment.trim() === '';
  return (
    <Modal
      open
      title={action === 'return' ? 'Вернуть на доработку' : 'Снять подтверждение'}
      okText={action === 'return' ? 'Вернуть на доработку' : 'Снять подтверждение'}
      okButtonProps={{ danger: true, 'data-testid': 'comment-ok' } as ButtonProps}
      cancelText="Отмена"
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={async () => {
        setTouched(true);
        if (missing) return;
        setBusy(true);
        try {
          await onOk(comment.trim());
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
    >
      <Typography.Paragraph>{title}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item
          label="Что нужно доработать (школа увидит этот комментарий)"
          required
          validateStatus={touched && missing ? 'error' : undefined}
          help={touched && missing ? 'Напишите, что нужно доработать' : undefined}
        >
          <Input.TextArea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={4000}
            autoFocus
            data-testid="review-comment"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ActionButtons({
  slot,
  doc,
  run,
  busy,
}: {
  slot: SlotView;
  doc: DocumentView;
  run: (slot: SlotView, doc: DocumentView, action: DocumentAction) => void;
  busy: string | undefined;
}) {
  if (doc.can.actions.length === 0) return null;
  return (
    <Space wrap size={6}>
      {doc.can.actions.map((action) => {
        const key = `${doc.id}:${action}`;
        const button = (
          <Button
            key={action}
            type={action === 'submit' || action === 'confirm' ? 'primary' : 'default'}
            danger={action === 'return' || action === 'reopen'}
            loading={busy === key}
            disabled={busy !== undefined && busy !== key}
            onClick={action === 'withdraw' ? undefined : () => run(slot, doc, action)}
            data-testid={`doc-action-${action}`}
          >
            {DOCUMENT_ACTION_LABELS[action]}
          </Button>
        );
        return action === 'withdraw' ? (
          <Popconfirm
            key={action}
            title="Отозвать документ с проверки?"
            description="Он вернётся в черновик, его можно будет заменить."
            okText="Отозвать"
            cancelText="Отмена"
            onConfirm={() => run(slot, doc, action)}
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

/** Upload button with the accepted types, a hint and a progress bar; errors from the server stay visible. */
function SlotUpload({ checklist, slot }: { checklist: Checklist; slot: SlotView }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [percent, setPercent] = useState<number>();
  const [error, setError] = useState<string>();
  const url = `/api/documents/schools/${checklist.school.id}/slots/${encodeURIComponent(slot.key)}/files?cycleId=${checklist.cycle.id}`;
  const hasFiles = (slot.document?.files.length ?? 0) > 0;
  return (
    <div data-testid="slot-upload-block">
      <Space wrap align="center">
        <Upload
          accept={ACCEPT}
          showUploadList={false}
          disabled={percent !== undefined}
          customRequest={async ({ file, onSuccess, onError }) => {
            const f = file as File;
            setError(undefined);
            setPercent(0);
            try {
              await uploadWithProgress(url, f, setPercent);
              await refreshDocuments(client);
              message.success(`Файл «${f.name}» загружен`);
              onSuccess?.({});
            } catch (e) {
              setError(errorText(e));
              onError?.(e as Error);
            } finally {
              setPercent(undefined);
            }
          }}
          data-testid="slot-upload"
        >
          <Button icon={<UploadOutlined />} loading={percent !== undefined}>
            {hasFiles ? 'Загрузить новую версию' : 'Загрузить файл'}
          </Button>
        </Upload>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {uploadHint()}
        </Typography.Text>
      </Space>
      {percent !== undefined && <Progress percent={percent} size="small" style={{ maxWidth: 360, marginTop: 4 }} data-testid="upload-progress" />}
      {error && (
        <Alert
          type="error"
          showIcon
          title={`Файл не загружен: ${error}`}
          style={{ marginTop: 8 }}
          closable={{ onClose: () => setError(undefined) }}
          data-testid="upload-error"
        />
      )}
    </div>
  );
}

function Versions({ doc }: { doc: DocumentView }) {
  const [latest, ...earlier] = doc.files;
  if (!latest) return null;
  const row = (f: typeof latest) => (
    <Space size={8} wrap>
      <a href={`/api/files/${f.fileId}`} target="_blank" rel="noreferrer" data-testid="version-link">
        <PaperClipOutlined /> {f.name}
      </a>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        версия {f.number} · {fileSize(f.size)} · {ruDateTime(f.uploadedAt)}
        {f.uploadedBy ? ` · ${f.uploadedBy}` : ''}
      </Typography.Text>
    </Space>
  );
  return (
    <div data-testid="versions">
      <div data-testid="latest-version" data-number={latest.number}>
        {row(latest)}
      </div>
      {earlier.length > 0 && (
        <Collapse
          ghost
          size="small"
          items={[
            {
              key: 'v',
              label: `Прежние версии (${earlier.length})`,
              children: (
                <List size="small" dataSource={earlier} renderItem={(f) => <List.Item style={{ paddingInline: 0 }}>{row(f)}</List.Item>} />
              ),
            },
          ]}
        />
      )}
    </div>
  );
}

function History({ doc }: { doc: DocumentView }) {
  if (doc.events.length === 0) return null;
  return (
    <Collapse
      ghost
      size="small"
      data-testid="events"
      items={[
        {
          key: 'h',
          label: (
            <span>
              <HistoryOutlined /> История ({doc.events.length})
            </span>
          ),
          children: (
            <Timeline
              items={doc.events.map((e, i) => ({
                key: i,
                color: e.action === 'confirm' ? 'green' : e.action === 'return' || e.action === 'reopen' ? 'orange' : 'blue',
                content: (
                  <div data-testid="event">
                    <Typography.Text strong>{EVENT_LABELS[e.action] ?? e.action}</Typography.Text>{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {ruDateTime(e.at)}
                      {e.actor ? ` · ${e.actor}` : ''}
                    </Typography.Text>
                    {e.comment && <div style={{ whiteSpace: 'pre-wrap' }}>«{e.comment}»</div>}
                  </div>
                ),
              }))}
            />
          ),
        },
      ]}
    />
  );
}

export function SlotCard({
  checklist,
  slot,
  run,
  busy,
}: {
  checklist: Checklist;
  slot: SlotView;
  run: (slot: SlotView, doc: DocumentView, action: DocumentAction) => void;
  busy: string | undefined;
}) {
  const doc = slot.document;
  const mayUpload = doc ? doc.can.upload : checklist.can.upload;
  const isProgramme = slot.kind === 'antirisk_programme';
  const programmeLink = `/documents/schools/${checklist.school.id}/programme/${encodeURIComponent(slot.key)}?cycle=${checklist.cycle.id}`;
  const mayEditProgramme = doc ? doc.can.edit : checklist.can.edit;
  const status = doc?.status;
  return (
    <Card
      size="small"
      data-testid="slot"
      data-slot={slot.key}
      data-state={slot.state}
      data-status={status ?? ''}
      style={{ marginBottom: 12, borderLeft: `4px solid ${STATE_BORDER[slot.state]}` }}
      styles={{ body: { padding: '12px 16px' } }}
    >
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'baseline' }}>
        <Typography.Text strong style={{ fontSize: 15 }} data-testid="slot-title">
          {slot.title}
        </Typography.Text>
        <Space size={8} wrap>
          <Typography.Text type={slot.state === 'overdue' ? 'danger' : 'secondary'} style={{ fontSize: 13 }}>
            Срок: {ruDate(slot.dueDate)}
          </Typography.Text>
          <SlotStateTag state={slot.state} />
          {slot.state === 'overdue' && status && <Tag>{DOCUMENT_STATUS_LABELS[status]}</Tag>}
        </Space>
      </div>

      {status === 'returned' && doc?.reviewComment && (
        <Alert
          type="warning"
          showIcon
          title="Куратор вернул документ на доработку"
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{doc.reviewComment}</span>}
          style={{ marginTop: 8 }}
          data-testid="return-comment"
        />
      )}
      {status === 'submitted' && (
        <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 13 }}>
          Документ у куратора на проверке.
        </Typography.Paragraph>
      )}

      <div style={{ marginTop: 8, display: 'flex', flexDirection: 'column', gap: 8 }}>
        {doc && doc.files.length > 0 ? (
          <Versions doc={doc} />
        ) : (
          !isProgramme && (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              Файл ещё не загружен.
            </Typography.Text>
          )
        )}
        {isProgramme && (
          <div>
            <Link to={programmeLink} data-testid="programme-link">
              <Button icon={<EditOutlined />} type={mayEditProgramme ? 'default' : 'link'} style={mayEditProgramme ? undefined : { paddingInline: 0 }}>
                {mayEditProgramme ? (doc?.programme ? 'Редактировать программу' : 'Заполнить программу') : 'Открыть программу'}
              </Button>
            </Link>
            {!doc?.programme && (
              <Typography.Text type="secondary" style={{ fontSize: 13, marginLeft: 8 }}>
                Программа ещё не заполнена. Файл (например, подписанный скан) можно приложить дополнительно.
              </Typography.Text>
            )}
          </div>
        )}
        {mayUpload && <SlotUpload checklist={checklist} slot={slot} />}
        {doc && <ActionButtons slot={slot} doc={doc} run={run} busy={busy} />}
        {doc && <History doc={doc} />}
      </div>
    </Card>
  );
}

const STATE_BORDER: Record<SlotState, string> = {
  missing: '#d9d9d9',
  draft: '#91caff',
  submitted: '#1677ff',
  confirmed: '#52c41a',
  returned: '#faad14',
  overdue: '#ff4d4f',
};
