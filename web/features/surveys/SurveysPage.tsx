// /surveys/*: survey campaigns of a project year, creating one, a campaign's completion, a school's page and its leaflet.
// A school account goes straight to its own page of the current campaign.
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Empty, Form, Input, InputNumber, Progress, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, Route, Routes, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { applyApiError } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { useUser, type CurrentUser } from '../auth/session';
import { ruDate, useCycleChoice } from '../roadmaps/api';
import { CycleSelect } from '../roadmaps/RoadmapsPage';
import { useRegions } from '../users/api';
import {
  CAMPAIGN_OWNER_ROLES,
  CAMPAIGN_STATUS_COLORS,
  CAMPAIGN_STATUS_LABELS,
  currentCampaign,
  DEFAULT_ACTIVATION_RULES,
  refreshSurveys,
  useCampaigns,
  type ActivationRules,
  type Campaign,
} from './api';
import { CampaignPage } from './CampaignPage';
import { PrintPage } from './PrintPage';
import { SchoolCampaignPage } from './SchoolCampaignPage';

export function SurveysPage() {
  return (
    <Routes>
      <Route index element={<CampaignsList />} />
      <Route path="new" element={<CreateCampaignPage />} />
      <Route path=":campaignId" element={<CampaignPage />} />
      <Route path=":campaignId/schools/:schoolId" element={<SchoolCampaignPage />} />
      <Route path=":campaignId/schools/:schoolId/print" element={<PrintPage />} />
      <Route path="*" element={<Navigate to="/surveys" replace />} />
    </Routes>
  );
}

export function campaignWindow(c: Pick<Campaign, 'opensOn' | 'closesOn'>): string {
  return `${ruDate(c.opensOn)} — ${ruDate(c.closesOn)}`;
}

export function StatusTag({ campaign }: { campaign: Campaign }) {
  return (
    <Tag color={CAMPAIGN_STATUS_COLORS[campaign.status]} data-testid="campaign-status" data-status={campaign.status}>
      {CAMPAIGN_STATUS_LABELS[campaign.status]}
    </Tag>
  );
}

function CampaignsList() {
  const user = useUser();
  const navigate = useNavigate();
  const { cycles, cycle, setCycle } = useCycleChoice();
  const campaigns = useCampaigns(cycle?.id);
  const mayCreate = CAMPAIGN_OWNER_ROLES.includes(user.role);
  const suffix = cycle ? `?cycle=${cycle.id}` : '';

  // A school has one page per campaign: its own.
  if (user.role === 'school' && user.schoolId !== null && campaigns.data) {
    const current = currentCampaign(campaigns.data.items);
    if (current) return <Navigate to={`/surveys/${current.id}/schools/${user.schoolId}`} replace />;
  }

  return (
    <div data-testid="surveys-page">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Анкетирование
        </Typography.Title>
        <Space wrap>
          {cycles.data && cycles.data.length > 0 && <CycleSelect cycles={cycles.data} value={cycle?.id} onChange={setCycle} />}
          {mayCreate && (
            <Link to={`/surveys/new${suffix}`}>
              <Button type="primary" icon={<PlusOutlined />} data-testid="campaign-create-button">
                Новое анкетирование
              </Button>
            </Link>
          )}
        </Space>
      </div>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 820 }}>
        Руководитель, учителя, обучающиеся 6 и 9 классов и родители отвечают на анкеты по кодам школы — без регистрации. По ответам
        рассчитывается рисковый профиль школы.
      </Typography.Paragraph>
      <QueryState query={cycles} isEmpty={(d) => d.length === 0} empty={<Empty description="Годов проекта пока нет" />}>
        {() => (
          <QueryState
            query={campaigns}
            isEmpty={(d) => d.items.length === 0}
            empty={
              <Card>
                <Empty
                  description={
                    user.role === 'school'
                      ? 'Анкетирование для вашей школы пока не назначено. Оно появится здесь, когда его откроет региональный координатор.'
                      : mayCreate
                        ? 'Анкетирований за этот год пока нет.'
                        : 'Анкетирований за этот год пока нет. Их открывают региональные и федеральные координаторы.'
                  }
                >
                  {mayCreate && (
                    <Link to={`/surveys/new${suffix}`}>
                      <Button type="primary" icon={<PlusOutlined />}>
                        Новое анкетирование
                      </Button>
                    </Link>
                  )}
                </Empty>
              </Card>
            }
          >
            {({ items }) => (
              <Table<Campaign>
                rowKey="id"
                size="middle"
                dataSource={items}
                pagination={false}
                scroll={{ x: 760 }}
                data-testid="campaigns-table"
                onRow={(c) => ({ onClick: () => navigate(`/surveys/${c.id}`), style: { cursor: 'pointer' } })}
                columns={[
                  {
                    title: 'Анкетирование',
                    dataIndex: 'title',
                    render: (_, c) => (
                      <>
                        <Link to={`/surveys/${c.id}`} onClick={(e) => e.stopPropagation()} data-testid="campaign-link">
                          {c.title}
                        </Link>
                        <div>
                          <Typography.Text type="secondary">{c.territory}</Typography.Text>
                        </div>
                      </>
                    ),
                  },
                  { title: 'Сроки', width: 210, render: (_, c) => campaignWindow(c) },
                  { title: 'Статус', width: 170, render: (_, c) => <StatusTag campaign={c} /> },
                  { title: 'Школ', dataIndex: 'schoolCount', width: 90, align: 'right' },
                  {
                    title: 'Профили',
                    width: 150,
                    render: (_, c) =>
                      c.profilesComputedAt ? (
                        <Tag color="green">рассчитаны {ruDate(c.profilesComputedAt)}</Tag>
                      ) : (
                        <Typography.Text type="secondary">не рассчитаны</Typography.Text>
                      ),
                  },
                ]}
              />
            )}
          </QueryState>
        )}
      </QueryState>
    </div>
  );
}

// ---- create / edit ----

export interface CampaignFormValues {
  regionId?: number;
  title: string;
  opensOn: string;
  closesOn: string;
  activationRules: { maxDirections: number; minDirections: number; highMandatory: boolean };
}

/** The rules as the server takes them (a partial ActivationRules). */
export function rulesBody(values: CampaignFormValues['activationRules']): Partial<ActivationRules> {
  return {
    maxDirections: values.maxDirections,
    minDirections: values.minDirections,
    mandatoryLevels: values.highMandatory ? ['high'] : [],
  };
}

export function rulesValues(rules: ActivationRules): CampaignFormValues['activationRules'] {
  return { maxDirections: rules.maxDirections, minDirections: rules.minDirections, highMandatory: rules.mandatoryLevels.includes('high') };
}

/** Fields shared by creating and editing a campaign (window dates and activation rules). */
export function CampaignFields() {
  return (
    <>
      <Form.Item name="title" label="Название" rules={[{ required: true, whitespace: true, message: 'Укажите название' }]}>
        <Input maxLength={300} data-testid="campaign-title" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="opensOn" label="Начало приёма ответов" rules={[{ required: true, message: 'Укажите дату начала' }]}>
            <Input type="date" data-testid="campaign-opens" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="closesOn"
            label="Окончание (включительно)"
            dependencies={['opensOn']}
            rules={[
              { required: true, message: 'Укажите дату окончания' },
              ({ getFieldValue }) => ({
                validator: (_, value: string) =>
                  value && getFieldValue('opensOn') && value < getFieldValue('opensOn')
                    ? Promise.reject(new Error('Дата окончания не может быть раньше даты начала'))
                    : Promise.resolve(),
              }),
            ]}
          >
            <Input type="date" data-testid="campaign-closes" />
          </Form.Item>
        </Col>
      </Row>
      <Card size="small" title="Правила выбора рисковых направлений" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name={['activationRules', 'maxDirections']} label="Не более направлений" rules={[{ required: true, message: 'Укажите число' }]}>
              <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} data-testid="rules-max" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name={['activationRules', 'minDirections']}
              label="Не менее направлений"
              dependencies={[['activationRules', 'maxDirections']]}
              rules={[
                { required: true, message: 'Укажите число' },
                ({ getFieldValue }) => ({
                  validator: (_, value: number) =>
                    typeof value === 'number' && value > (getFieldValue(['activationRules', 'maxDirections']) ?? 10)
                      ? Promise.reject(new Error('Минимум не может быть больше максимума'))
                      : Promise.resolve(),
                }),
              ]}
            >
              <InputNumber min={0} max={10} precision={0} style={{ width: '100%' }} data-testid="rules-min" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name={['activationRules', 'highMandatory']} valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox>Все факторы высокого риска обязательны (пока позволяет максимум)</Checkbox>
        </Form.Item>
      </Card>
    </>
  );
}

function defaultRegion(user: CurrentUser): number | undefined {
  return user.role === 'regional_coordinator' ? (user.regionId ?? undefined) : undefined;
}

function CreateCampaignPage() {
  const user = useUser();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const { cycles, cycle } = useCycleChoice();
  const federalRole = user.role === 'admin' || user.role === 'federal_coordinator';
  const regions = useRegions(federalRole);
  const [form] = Form.useForm<CampaignFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  if (!CAMPAIGN_OWNER_ROLES.includes(user.role)) return <Navigate to="/surveys" replace />;

  const submit = async (values: CampaignFormValues) => {
    if (!cycle) return;
    setBusy(true);
    setError(undefined);
    try {
      const regionId = federalRole ? (values.regionId ? values.regionId : null) : (user.regionId ?? null);
      const { campaign } = await api.post<{ campaign: Campaign }>('/api/surveys/campaigns', {
        cycleId: cycle.id,
        regionId,
        title: values.title.trim(),
        opensOn: values.opensOn,
        closesOn: values.closesOn,
        activationRules: rulesBody(values.activationRules),
      });
      await refreshSurveys(client);
      navigate(`/surveys/${campaign.id}`);
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="campaign-create-page" style={{ maxWidth: 720 }}>
      <Link to={`/surveys${params.get('cycle') ? `?cycle=${params.get('cycle')}` : ''}`}>
        <Button type="link" style={{ paddingInline: 0 }}>
          ← Анкетирование
        </Button>
      </Link>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        Новое анкетирование
      </Typography.Title>
      <QueryState query={cycles} isEmpty={(d) => d.length === 0} empty={<Empty description="Сначала создайте год проекта" />}>
        {() => (
          <Card>
            <Form<CampaignFormValues>
              form={form}
              layout="vertical"
              onFinish={submit}
              initialValues={{
                regionId: defaultRegion(user) ?? 0,
                title: `Анкетирование школ ${cycle?.year ?? ''}`.trim(),
                activationRules: rulesValues({ ...DEFAULT_ACTIVATION_RULES }),
              }}
            >
              <Typography.Paragraph>
                Год проекта: <Typography.Text strong>{cycle?.title ?? '—'}</Typography.Text>. В анкетирование попадут все школы проекта этого
                года {federalRole ? 'выбранной территории' : 'вашего региона'}; для каждой школы будут созданы коды анкет.
              </Typography.Paragraph>
              {federalRole ? (
                <Form.Item name="regionId" label="Территория">
                  <Select
                    loading={regions.isPending}
                    data-testid="campaign-region"
                    options={[
                      { value: 0, label: 'Вся Россия (федеральное анкетирование)' },
                      ...(regions.data ?? []).map((r) => ({ value: r.id, label: r.label })),
                    ]}
                  />
                </Form.Item>
              ) : (
                <Typography.Paragraph>
                  Территория: <Typography.Text strong>ваш регион</Typography.Text>
                </Typography.Paragraph>
              )}
              <CampaignFields />
              {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
              <Space wrap>
                <Button type="primary" htmlType="submit" loading={busy} size="large" data-testid="campaign-save">
                  Открыть анкетирование
                </Button>
                <Button size="large" onClick={() => navigate(-1)}>
                  Отмена
                </Button>
              </Space>
            </Form>
          </Card>
        )}
      </QueryState>
    </div>
  );
}

/** A small completion bar «12 из 30». */
export function ReceivedBar({ received, expected, complete, testId }: { received: number; expected: number | null; complete: boolean; testId?: string }) {
  const percent = expected ? Math.min(100, Math.round((received / expected) * 100)) : 0;
  return (
    <div style={{ minWidth: 90 }} data-testid={testId} data-received={received} data-expected={expected ?? ''}>
      <Typography.Text strong={complete} type={complete ? 'success' : undefined}>
        {received}
      </Typography.Text>
      <Typography.Text type="secondary"> из {expected ?? '?'}</Typography.Text>
      <Progress percent={percent} showInfo={false} size="small" status={complete ? 'success' : 'normal'} style={{ margin: 0 }} />
    </div>
  );
}
