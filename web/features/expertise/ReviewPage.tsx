// /expertise/reviews/:id — one school's expertise: its documents (read-only), the criteria checklist
// «да / частично / нет», the conclusion and comment; start, save, complete; the federal coordinator may reopen.
import { ArrowLeftOutlined, PaperClipOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Input, List, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError } from '../../shared/api';
import { errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { DOCUMENT_STATUS_LABELS, INDICATOR_DIRECTION_LABELS, ruDateTime, type DocumentView } from '../documents/api';
import { fileSize } from '../roadmaps/api';
import {
  checkExpertiseForm,
  CONCLUSION_COLORS,
  CONCLUSION_LABELS,
  CRITERION_MARK_LABELS,
  CRITERION_MARKS,
  DOCUMENT_KIND_LABELS,
  EXPERTISE_ACTION_LABELS,
  EXPERTISE_STATUS_LABELS,
  refreshExpertise,
  STATUS_COLORS,
  suggestedConclusion,
  useReview,
  type CriterionMark,
  type ExpertiseAction,
  type ExpertiseConclusion,
  type ReviewPage as ReviewData,
} from './api';

const DONE: Record<ExpertiseAction, string> = {
  start: 'Экспертиза начата',
  complete: 'Экспертиза завершена',
  reopen: 'Экспертиза возвращена эксперту',
};

export function ReviewPage() {
  const id = Number(useParams().reviewId);
  const review = useReview(id);
  const [generation, setGeneration] = useState(0);
  return (
    <div data-testid="review-page">
      <Link to="/expertise">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0, marginBottom: 4 }}>
          К экспертизам
        </Button>
      </Link>
      <QueryState query={review}>
        {(data) => (
          <ReviewForm
            key={`${data.review.id}:${generation}`}
            data={data}
            onReload={async () => {
              await review.refetch();
              setGeneration((g) => g + 1);
            }}
          />
        )}
      </QueryState>
    </div>
  );
}

function ReviewForm({ data, onReload }: { data: ReviewData; onReload: () => Promise<void> }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const { review, sample, criteria, documents, can } = data;
  const [marks, setMarks] = useState<Partial<Record<string, CriterionMark>>>(review.marks);
  const [conclusion, setConclusion] = useState<ExpertiseConclusion | null>(review.conclusion);
  const [comment, setComment] = useState(review.comment);
  const [version, setVersion] = useState(review.version);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string>();
  const [conflict, setConflict] = useState<string>();
  const [reopening, setReopening] = useState(false);
  const editable = can.edit;
  const suggestion = suggestedConclusion(marks, criteria);
  const clearError = (path: string) =>
    setErrors((prev) => {
      if (!(path in prev)) return prev;
      const next = { ...prev };
      delete next[path];
      return next;
    });
  const choose = (c: ExpertiseConclusion) => {
    setConclusion(c);
    clearError('conclusion');
    if (c === 'meets') clearError('comment');
  };

  const send = async (action?: ExpertiseAction, reason?: string) => {
    if (action === 'complete') {
      const issues = checkExpertiseForm({ marks, conclusion, comment }, criteria);
      if (issues.length) {
        setErrors(Object.fromEntries(issues.map((i) => [i.path, i.message])));
        message.error('Заполните форму: оцените все критерии и укажите заключение');
        return false;
      }
    }
    setBusy(action ?? 'save');
    try {
      const res = await api.put<{ review: { version: number } }>(`/api/expertise/reviews/${review.id}`, {
        version,
        marks,
        conclusion,
        comment: action === 'reopen' ? (reason ?? '') : comment,
        ...(action ? { action } : {}),
      });
      setVersion(res.review.version);
      setErrors({});
      await refreshExpertise(client);
      message.success(action ? DONE[action] : 'Оценки сохранены');
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict(e.message);
      else if (e instanceof ApiError && e.fields.length) {
        setErrors(Object.fromEntries(e.fields.map((f) => [f.path, f.message])));
        message.error(e.message);
      } else message.error(errorText(e));
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div data-testid="review-form" data-status={review.status}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {review.school}
          </Typography.Title>
          <Typography.Text type="secondary">
            {review.region}, {review.municipality} · {sample.title} ({sample.year})
          </Typography.Text>
        </div>
        <Space>
          <Tag color={STATUS_COLORS[review.status]} data-testid="review-status">
            {EXPERTISE_STATUS_LABELS[review.status]}
          </Tag>
          {review.conclusion && <Tag color={CONCLUSION_COLORS[review.conclusion]}>{CONCLUSION_LABELS[review.conclusion]}</Tag>}
        </Space>
      </div>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ margin: '12px 0' }}>
        <Descriptions.Item label="Эксперт">{review.expert ?? 'не назначен'}</Descriptions.Item>
        <Descriptions.Item label="Документы">{sample.kinds.map((k) => DOCUMENT_KIND_LABELS[k]).join(', ')}</Descriptions.Item>
        {review.completedAt && <Descriptions.Item label="Завершена">{ruDateTime(review.completedAt)}</Descriptions.Item>}
      </Descriptions>

      {conflict && (
        <Alert
          type="error"
          showIcon
          title={conflict}
          style={{ marginBottom: 12 }}
          action={
            <Button icon={<ReloadOutlined />} onClick={() => void onReload()}>
              Обновить
            </Button>
          }
        />
      )}

      <Card size="small" title="Документы школы" style={{ marginBottom: 12 }}>
        {documents.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Школа ещё не загрузила документы этих видов" /> : <Documents documents={documents} />}
      </Card>

      <Card size="small" title="Критерии" style={{ marginBottom: 12 }}>
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={criteria.map((c, i) => ({ ...c, i }))}
          columns={[
            { title: '№', width: 44, render: (_, c) => c.i + 1 },
            { title: 'Критерий', dataIndex: 'title' },
            {
              title: 'Оценка',
              width: 300,
              render: (_, c) => (
                <div>
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    disabled={!editable}
                    value={marks[c.code]}
                    onChange={(e) => {
                      setMarks({ ...marks, [c.code]: e.target.value as CriterionMark });
                      clearError(`marks.${c.code}`);
                    }}
                    options={CRITERION_MARKS.map((m) => ({ value: m, label: CRITERION_MARK_LABELS[m] }))}
                    data-testid={`mark-${c.code}`}
                  />
                  {errors[`marks.${c.code}`] && <div style={{ color: '#ff4d4f', fontSize: 12 }}>{errors[`marks.${c.code}`]}</div>}
                </div>
              ),
            },
          ]}
        />
      </Card>

      <Card size="small" title="Заключение" style={{ marginBottom: 12 }}>
        <Radio.Group
          disabled={!editable}
          value={conclusion}
          onChange={(e) => choose(e.target.value as ExpertiseConclusion)}
          options={(['meets', 'partially', 'does_not_meet'] as const).map((c) => ({ value: c, label: CONCLUSION_LABELS[c] }))}
          data-testid="conclusion"
        />
        {errors.conclusion && <div style={{ color: '#ff4d4f', fontSize: 12 }}>{errors.conclusion}</div>}
        {editable && suggestion && suggestion !== conclusion && (
          <div style={{ marginTop: 6 }}>
            <Typography.Text type="secondary">
              По оценкам подходит: «{CONCLUSION_LABELS[suggestion]}».{' '}
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => choose(suggestion)}>
                Выбрать
              </Button>
            </Typography.Text>
          </div>
        )}
        <div style={{ marginTop: 12 }}>
          <Typography.Text>Комментарий эксперта{conclusion && conclusion !== 'meets' ? ' (обязателен)' : ''}</Typography.Text>
          <Input.TextArea
            value={comment}
            readOnly={!editable}
            onChange={(e) => {
              setComment(e.target.value);
              clearError('comment');
            }}
            autoSize={{ minRows: 3, maxRows: 12 }}
            maxLength={10000}
            status={errors.comment ? 'error' : undefined}
            data-testid="review-comment-text"
          />
          {errors.comment && <div style={{ color: '#ff4d4f', fontSize: 12 }}>{errors.comment}</div>}
        </div>
      </Card>

      <Space wrap>
        {editable && (
          <Button loading={busy === 'save'} disabled={!!busy && busy !== 'save'} onClick={() => void send()} data-testid="review-save">
            Сохранить
          </Button>
        )}
        {can.actions.map((action) => (
          <Button
            key={action}
            type={action === 'reopen' ? 'default' : 'primary'}
            danger={action === 'reopen'}
            loading={busy === action}
            disabled={!!busy && busy !== action}
            onClick={() => (action === 'reopen' ? setReopening(true) : void send(action))}
            data-testid={`review-${action}`}
          >
            {EXPERTISE_ACTION_LABELS[action]}
          </Button>
        ))}
      </Space>
      {reopening && <ReopenModal onCancel={() => setReopening(false)} onOk={async (reason) => (await send('reopen', reason)) && setReopening(false)} />}
    </div>
  );
}

function ReopenModal({ onOk, onCancel }: { onOk: (reason: string) => Promise<unknown>; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = reason.trim() === '';
  return (
    <Modal
      open
      title="Вернуть экспертизу эксперту"
      okText="Вернуть"
      cancelText="Отмена"
      okButtonProps={{ danger: true }}
      onCancel={onCancel}
      onOk={async () => {
        setTouched(true);
        if (!missing) await onOk(reason.trim());
      }}
    >
      <Typography.Paragraph>Укажите причину — она сохранится в журнале действий.</Typography.Paragraph>
      <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 3 }} status={touched && missing ? 'error' : undefined} autoFocus />
      {touched && missing && <div style={{ color: '#ff4d4f', fontSize: 12 }}>Напишите причину</div>}
    </Modal>
  );
}

function Documents({ documents }: { documents: DocumentView[] }) {
  return (
    <List
      dataSource={documents}
      renderItem={(d) => (
        <List.Item style={{ display: 'block' }}>
          <Space wrap size={8}>
            <Typography.Text strong>{DOCUMENT_KIND_LABELS[d.kind]}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {d.slotKey} · {DOCUMENT_STATUS_LABELS[d.status]}
            </Typography.Text>
          </Space>
          {d.files.map((f) => (
            <div key={f.id}>
              <a href={`/api/files/${f.fileId}`} target="_blank" rel="noreferrer">
                <PaperClipOutlined /> {f.name}
              </a>
              <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 8 }}>
                версия {f.number} · {fileSize(f.size)} · {ruDateTime(f.uploadedAt)}
              </Typography.Text>
            </div>
          ))}
          {d.programme && (
            <div style={{ marginTop: 6, fontSize: 13 }}>
              <div>
                <b>Цель:</b> {d.programme.goal || '—'}
              </div>
              {d.programme.tasks.length > 0 && (
                <div>
                  <b>Задачи:</b> {d.programme.tasks.join('; ')}
                </div>
              )}
              <div>
                <b>Мероприятий:</b> {d.programme.measures.length}; <b>показателей:</b> {d.programme.indicators.length}
              </div>
              {d.programme.indicators.map((ind, i) => (
                <div key={i} style={{ color: '#595959' }}>
                  {ind.name} ({ind.unit}, {INDICATOR_DIRECTION_LABELS[ind.direction]}): {ind.baseline ?? '—'} → {ind.target ?? '—'}
                </div>
              ))}
            </div>
          )}
        </List.Item>
      )}
    />
  );
}
