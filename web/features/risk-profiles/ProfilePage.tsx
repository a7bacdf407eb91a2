// /risk-profiles/:profileId — one school's risk profile: the ten factors as bars against the thresholds, a table
// with indicators and respondents, the explanation of each level; the curator's verification; then the choice
// of risk directions under the campaign's rules.
import { ArrowLeftOutlined, CheckOutlined, CloseOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Descriptions, Empty, Form, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { validateActivation } from '../../../domain/surveys/activation';
import { factorsByRisk, type FactorResult, type IndicatorResult } from '../../../domain/surveys/risk-profile';
import { SCHOOL_INSTRUMENTS } from '../../../domain/surveys/instruments/types';
import type { Thresholds } from '../../../domain/surveys/methodology';
import { api, ApiError } from '../../shared/api';
import { errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { INSTRUMENT_LABELS, rulesText, VERIFICATION_COLORS, VERIFICATION_LABELS } from '../surveys/api';
import { formatDateTime } from '../users/api';
import {
  FACTOR_CODES,
  LEVEL_COLORS,
  LEVEL_LABELS,
  LEVEL_TAG_COLORS,
  PROFILES_KEY,
  profileKey,
  score,
  useMethodology,
  useProfile,
  type FactorCode,
  type Methodology,
  type ProfileDetail,
} from './api';
import { LevelLegend } from './RiskProfilesPage';

export function ProfilePage() {
  const id = Number(useParams().profileId);
  const query = useProfile(id);
  return <QueryState query={query}>{(detail) => <ProfileView detail={detail} />}</QueryState>;
}

function ProfileView({ detail }: { detail: ProfileDetail }) {
  const methodology = useMethodology(detail.methodologyVersion);
  const factors = detail.profile?.factors ?? [];
  const answers = SCHOOL_INSTRUMENTS.filter((i) => (detail.answerCounts?.[i] ?? 0) > 0)
    .map((i) => `${INSTRUMENT_LABELS[i]} — ${detail.answerCounts[i]}`)
    .join(', ');

  return (
    <div data-testid="profile-page" data-profile-id={detail.id}>
      <Space wrap size={0}>
        <Link to={`/risk-profiles?campaign=${detail.campaignId}`}>
          <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0, marginRight: 16 }}>
            Рисковые профили
          </Button>
        </Link>
        <Link to={`/surveys/${detail.campaignId}/schools/${detail.schoolId}`}>
          <Button type="link" style={{ paddingInline: 0 }}>
            Анкетирование школы
          </Button>
        </Link>
      </Space>
      <div style={{ marginBottom: 12 }}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="profile-school">
          {detail.school}
        </Typography.Title>
        <Space wrap size={4}>
          <Tag>{detail.municipality}</Tag>
          <Tag color={VERIFICATION_COLORS[detail.verification]} data-testid="profile-verification" data-verification={detail.verification}>
            {VERIFICATION_LABELS[detail.verification]}
          </Tag>
        </Space>
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="Рассчитан">{formatDateTime(detail.computedAt)}</Descriptions.Item>
          <Descriptions.Item label="Методика">версия {detail.methodologyVersion}</Descriptions.Item>
          <Descriptions.Item label="Получено анкет" span={2}>
            {answers || 'нет'}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {factors.length === 0 ? (
        <Card>
          <Empty description="В профиле нет факторов: анкет для расчёта пока нет." />
        </Card>
      ) : (
        <>
          <Card size="small" title="Факторы риска" extra={<LevelLegend />} style={{ marginBottom: 16 }} styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 } }}>
            <FactorChart factors={factors} methodology={methodology.data?.definition} />
          </Card>
          <Card size="small" title="Показатели и пояснения" style={{ marginBottom: 16 }}>
            <FactorTable factors={factors} />
          </Card>
          <VerificationCard detail={detail} />
          <ActivationCard detail={detail} />
        </>
      )}
    </div>
  );
}

// ---- chart ----

const CHART_CSS = `
.medk-factor-row { display: grid; grid-template-columns: minmax(0, 5fr) minmax(0, 4fr) 150px; gap: 4px 12px; align-items: center;
  padding: 6px 0; border-bottom: 1px solid #f0f0f0; }
.medk-factor-row:last-child { border-bottom: none; }
@media (max-width: 720px) {
  .medk-factor-row { grid-template-columns: minmax(0, 1fr) auto; }
  .medk-factor-row .medk-factor-name { grid-column: 1 / -1; }
}
`;

function thresholdsOf(methodology: Methodology | undefined, code: FactorCode): Thresholds | null {
  if (!methodology) return null;
  return methodology.factors.find((f) => f.code === code)?.thresholds ?? methodology.thresholds ?? null;
}

function FactorChart({ factors, methodology }: { factors: FactorResult[]; methodology: Methodology | undefined }) {
  return (
    <div data-testid="factor-chart">
      <style>{CHART_CSS}</style>
      {factors.map((f) => {
        const t = thresholdsOf(methodology, f.code);
        const n = FACTOR_CODES.indexOf(f.code) + 1;
        const value = f.score ?? 0;
        return (
          <div className="medk-factor-row" key={f.code} data-testid={`factor-bar-${f.code}`} data-level={f.level} data-score={f.score ?? ''}>
            <div className="medk-factor-name" style={{ fontSize: 13 }}>
              {n > 0 ? `${n}. ` : ''}
              {f.name}
            </div>
            <Tooltip
              title={
                f.score === null
                  ? 'Нет данных'
                  : `Оценка ${score(f.score)}${t ? `; пороги: низкий ${score(t.low)}, средний ${score(t.medium)}, высокий ${score(t.high)}` : ''}`
              }
            >
              <svg viewBox="0 0 100 16" preserveAspectRatio="none" width="100%" height="18" role="img" aria-label={`${f.name}: ${LEVEL_LABELS[f.level]}`}>
                <rect x="0" y="2" width="100" height="12" rx="1.5" fill="#f0f0f0" />
                {f.score !== null && <rect x="0" y="2" width={Math.max(0.8, value * 100)} height="12" rx="1.5" fill={LEVEL_COLORS[f.level]} />}
                {t &&
                  [t.low, t.medium, t.high].map((x, i) => (
                    <line
                      key={i}
                      x1={x * 100}
                      x2={x * 100}
                      y1="0"
                      y2="16"
                      stroke={['#d4b106', '#d46b08', '#a8071a'][i]}
                      strokeWidth="1.5"
                      strokeDasharray={i === 2 ? undefined : '2 1.5'}
                      vectorEffect="non-scaling-stroke"
                    />
                  ))}
              </svg>
            </Tooltip>
            <div style={{ whiteSpace: 'nowrap', fontSize: 13 }}>
              <Typography.Text strong>{score(f.score)}</Typography.Text>{' '}
              <span style={{ color: f.level === 'low' ? '#ad8b00' : LEVEL_COLORS[f.level] === '#bfbfbf' ? '#8c8c8c' : LEVEL_COLORS[f.level] }}>
                {LEVEL_LABELS[f.level]}
              </span>
              {f.preliminary && (
                <Tooltip title="Мало ответов: оценка предварительная">
                  <WarningOutlined style={{ color: '#d48806', marginLeft: 4 }} />
                </Tooltip>
              )}
            </div>
          </div>
        );
      })}
      {methodology && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
          Вертикальные черты — пороги уровней риска (низкий, средний, высокий). Оценка от 0 (риска нет) до 1.
        </Typography.Paragraph>
      )}
    </div>
  );
}

// ---- table ----

function respondentsText(r: IndicatorResult): string {
  const who = r.respondents.filter((x) => x.count > 0).map((x) => `${INSTRUMENT_LABELS[x.instrument]}: ${x.count}`);
  return who.length ? who.join(', ') : 'нет ответов';
}

function FactorTable({ factors }: { factors: FactorResult[] }) {
  const columns: ColumnsType<FactorResult> = [
    {
      title: 'Фактор',
      dataIndex: 'name',
      width: 280,
      render: (name: string, f) => (
        <>
          {FACTOR_CODES.indexOf(f.code) + 1}. {name}
        </>
      ),
    },
    {
      title: 'Уровень',
      dataIndex: 'level',
      width: 150,
      render: (_, f) => (
        <>
          <Tag color={LEVEL_TAG_COLORS[f.level]} data-testid="factor-level" data-level={f.level}>
            {LEVEL_LABELS[f.level]}
          </Tag>
          {f.preliminary && <Tag color="warning">предварительно</Tag>}
        </>
      ),
    },
    { title: 'Оценка', dataIndex: 'score', width: 80, align: 'right', render: (s: number | null) => score(s) },
    {
      title: 'Показатели: значение (ответили)',
      key: 'indicators',
      render: (_, f) => (
        <ul style={{ margin: 0, paddingLeft: 16, fontSize: 13 }}>
          {f.indicators.map((r) => (
            <li key={r.code}>
              {r.name}: <Typography.Text strong>{score(r.value)}</Typography.Text>{' '}
              <Typography.Text type="secondary">({respondentsText(r)})</Typography.Text>
              {r.note && (
                <Tooltip title={r.note}>
                  <WarningOutlined style={{ color: '#d48806', marginLeft: 4 }} aria-label={r.note} />
                </Tooltip>
              )}
            </li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <Table<FactorResult>
      rowKey="code"
      size="small"
      dataSource={factors}
      columns={columns}
      pagination={false}
      scroll={{ x: 900 }}
      data-testid="factor-table"
      expandable={{
        expandedRowRender: (f) => (
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-line' }} data-testid="factor-explanation">
            {f.explanation}
          </Typography.Paragraph>
        ),
        expandRowByClick: false,
        columnTitle: <Tooltip title="Пояснение расчёта">?</Tooltip>,
      }}
    />
  );
}

// ---- verification ----

function useProfileUpdate() {
  const client = useQueryClient();
  return (next: ProfileDetail) => {
    client.setQueryData(profileKey(next.id), next);
    void client.invalidateQueries({ queryKey: [...PROFILES_KEY, 'list'] });
    void client.invalidateQueries({ queryKey: [...PROFILES_KEY, 'aggregate'] });
    void client.invalidateQueries({ queryKey: ['surveys'] });
    void client.invalidateQueries({ queryKey: ['cabinet'] });
  };
}

function VerificationCard({ detail }: { detail: ProfileDetail }) {
  const [decision, setDecision] = useState<'verified' | 'disputed'>();
  return (
    <Card size="small" title="Проверка куратором" style={{ marginBottom: 16 }} data-testid="verification-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <div>
          Состояние: <Tag color={VERIFICATION_COLORS[detail.verification]}>{VERIFICATION_LABELS[detail.verification]}</Tag>
          {detail.verifiedBy && (
            <Typography.Text type="secondary">
              {detail.verifiedBy}
              {detail.verifiedAt ? `, ${formatDateTime(detail.verifiedAt)}` : ''}
            </Typography.Text>
          )}
        </div>
        {detail.verificationComment && (
          <Alert
            type={detail.verification === 'disputed' ? 'warning' : 'info'}
            message="Комментарий куратора"
            description={detail.verificationComment}
            data-testid="verification-comment"
          />
        )}
        {detail.verification === 'pending' && !detail.can.verify && (
          <Typography.Text type="secondary">Куратор школы проверит профиль и подтвердит его или укажет, с чем не согласен.</Typography.Text>
        )}
        {detail.can.verify && (
          <Space wrap>
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setDecision('verified')} data-testid="verify-button">
              Подтвердить профиль
            </Button>
            <Button danger icon={<CloseOutlined />} onClick={() => setDecision('disputed')} data-testid="dispute-button">
              Не согласен
            </Button>
          </Space>
        )}
      </Space>
      {decision && <VerifyModal detail={detail} decision={decision} onClose={() => setDecision(undefined)} />}
    </Card>
  );
}

function VerifyModal({ detail, decision, onClose }: { detail: ProfileDetail; decision: 'verified' | 'disputed'; onClose: () => void }) {
  const [form] = Form.useForm<{ comment: string }>();
  const update = useProfileUpdate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async ({ comment }: { comment: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await api.post<ProfileDetail>(`/api/risk-profiles/${detail.id}/verify`, { decision, comment: (comment ?? '').trim() });
      update(next);
      message.success(decision === 'verified' ? 'Профиль подтверждён' : 'Несогласие записано');
      onClose();
    } catch (e) {
      if (e instanceof ApiError && e.fields.some((f) => f.path === 'comment')) {
        form.setFields([{ name: 'comment', errors: e.fields.filter((f) => f.path === 'comment').map((f) => f.message) }]);
      } else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={decision === 'verified' ? 'Подтвердить профиль' : 'Не согласен с профилем'}
      okText={decision === 'verified' ? 'Подтвердить' : 'Отправить'}
      cancelText="Отмена"
      okButtonProps={{ danger: decision === 'disputed', 'data-testid': 'verify-ok' }}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="comment"
          label={decision === 'verified' ? 'Комментарий (необязательно)' : 'С чем вы не согласны?'}
          rules={decision === 'disputed' ? [{ required: true, whitespace: true, message: 'Напишите, с чем вы не согласны' }] : []}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="verify-comment" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}

// ---- activation ----

function ActivationCard({ detail }: { detail: ProfileDetail }) {
  const rules = detail.rules;
  const title = 'Рисковые направления на этот год';
  if (detail.verification !== 'verified') {
    return (
      <Card size="small" title={title} data-testid="activation-card">
        <Alert
          type="info"
          showIcon
          message="Направления выбираются после того, как куратор подтвердит профиль."
          description={`Правила: ${rulesText(rules)}.`}
        />
      </Card>
    );
  }
  if (!detail.can.activate) {
    return (
      <Card size="small" title={title} data-testid="activation-card">
        {detail.directions.length ? (
          <ul style={{ margin: 0 }} data-testid="directions-list">
            {detail.directions.map((c) => (
              <li key={c}>{detail.profile.factors.find((f) => f.code === c)?.name ?? c}</li>
            ))}
          </ul>
        ) : (
          <Typography.Text type="secondary">Школа и куратор ещё не выбрали направления.</Typography.Text>
        )}
      </Card>
    );
  }
  return <ActivationForm detail={detail} title={title} />;
}

function ActivationForm({ detail, title }: { detail: ProfileDetail; title: string }) {
  const { rules, profile } = detail;
  const update = useProfileUpdate();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<FactorCode[]>(() => (detail.directions.length ? detail.directions : detail.suggested));
  const [serverProblems, setServerProblems] = useState<{ code: string | null; message: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const ordered = useMemo(() => factorsByRisk(profile), [profile]);
  const problems = useMemo(() => validateActivation(profile, selected, rules), [profile, selected, rules]);
  const saved = detail.directions.length > 0 && sameSet(detail.directions, selected);

  const selectable = (f: FactorResult) =>
    !rules.excludedCodes.includes(f.code) && (rules.selectableLevels.includes(f.level) || rules.mandatoryCodes.includes(f.code));
  const mandatory = (f: FactorResult) => selectable(f) && (rules.mandatoryCodes.includes(f.code) || rules.mandatoryLevels.includes(f.level));

  const toggle = (code: FactorCode, on: boolean) => {
    setServerProblems([]);
    // keep the programme's order of factors in the saved list
    setSelected((prev) => FACTOR_CODES.filter((c) => (c === code ? on : prev.includes(c))));
  };

  const save = async () => {
    setBusy(true);
    setServerProblems([]);
    try {
      const next = await api.put<ProfileDetail>(`/api/risk-profiles/${detail.id}/directions`, { factors: selected });
      update(next);
      message.success('Направления сохранены');
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        setServerProblems(
          e.fields.map((f) => {
            const m = /^factors\.(\d+)$/.exec(f.path);
            return { code: m ? (selected[Number(m[1])] ?? null) : null, message: f.message };
          }),
        );
      } else message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const allProblems = [...problems.map((p) => ({ code: p.code, message: p.message })), ...serverProblems];
  const general = dedupe(allProblems.filter((p) => p.code === null || !ordered.some((f) => f.code === p.code)).map((p) => p.message));
  const byCode = (code: FactorCode) => dedupe(allProblems.filter((p) => p.code === code).map((p) => p.message));

  return (
    <Card size="small" title={title} data-testid="activation-card">
      <Typography.Paragraph>
        Отметьте направления, над которыми школа будет работать в этом году. Правила: <Typography.Text strong>{rulesText(rules)}</Typography.Text>.
        Рекомендованные МЭДК направления отмечены заранее.
      </Typography.Paragraph>
      <div data-testid="activation-list">
        {ordered.map((f) => {
          const own = byCode(f.code);
          const can = selectable(f);
          return (
            <div
              key={f.code}
              style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
              data-testid={`direction-${f.code}`}
              data-selected={selected.includes(f.code)}
            >
              <Checkbox checked={selected.includes(f.code)} disabled={!can} onChange={(e) => toggle(f.code, e.target.checked)} style={{ alignItems: 'flex-start' }}>
                <span>{f.name}</span>{' '}
                <Tag color={LEVEL_TAG_COLORS[f.level]} style={{ marginInlineStart: 4 }}>
                  {LEVEL_LABELS[f.level]}
                </Tag>
                {mandatory(f) && <Tag color="red">обязательно</Tag>}
                {detail.suggested.includes(f.code) && <Tag color="blue">рекомендуем</Tag>}
                {!can && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    не выбирается
                  </Typography.Text>
                )}
              </Checkbox>
              {own.map((m) => (
                <div key={m} style={{ color: '#cf1322', fontSize: 13, marginLeft: 24 }} data-testid="direction-problem">
                  {m}
                </div>
              ))}
            </div>
          );
        })}
      </div>
      {general.length > 0 && (
        <Alert type="warning" showIcon style={{ marginTop: 12 }} message={general.join('. ')} data-testid="activation-problems" />
      )}
      <Space wrap style={{ marginTop: 12 }}>
        <Button type="primary" onClick={save} loading={busy} disabled={problems.length > 0} data-testid="directions-save">
          Сохранить направления
        </Button>
        <Typography.Text type="secondary">
          Выбрано: {selected.length} из {rules.maxDirections}
          {saved ? ' · сохранено' : ''}
        </Typography.Text>
      </Space>
    </Card>
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function dedupe(list: string[]): string[] {
  return [...new Set(list)];
}
