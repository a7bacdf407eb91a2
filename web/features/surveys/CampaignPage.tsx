// /surveys/:campaignId — a campaign: status, window, the share of schools that finished, schools behind first,
// closing with profile computation, recomputation, editing the window and rules, the curator-candidate code.
import { ArrowLeftOutlined, CalculatorOutlined, CopyOutlined, EditOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, Modal, Progress, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { SCHOOL_INSTRUMENTS } from '../../../domain/surveys/instruments/types';
import { api } from '../../shared/api';
import { applyApiError, errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { useUser } from '../auth/session';
import { copyText, formatDateTime, useMunicipalities } from '../users/api';
import {
  fullUrl,
  INSTRUMENT_LABELS,
  refreshSurveys,
  rulesText,
  useCampaign,
  VERIFICATION_COLORS,
  VERIFICATION_LABELS,
  type Campaign,
  type CampaignDetail,
  type Link as RespondentLink,
  type SchoolRow,
} from './api';
import { CampaignFields, campaignWindow, ReceivedBar, rulesBody, rulesValues, StatusTag, type CampaignFormValues } from './SurveysPage';

export function CampaignPage() {
  const id = Number(useParams().campaignId);
  const user = useUser();
  const [municipalityId, setMunicipalityId] = useState<number>();
  const query = useCampaign(id, municipalityId);
  const showMunicipalityFilter = ['admin', 'federal_coordinator', 'regional_coordinator', 'expert', 'observer'].includes(user.role);
  return (
    <QueryState query={query}>
      {(detail) => (
        <CampaignView
          detail={detail}
          municipalityFilter={
            showMunicipalityFilter ? (
              <MunicipalityFilter regionId={detail.campaign.regionId ?? user.regionId ?? undefined} value={municipalityId} onChange={setMunicipalityId} />
            ) : null
          }
        />
      )}
    </QueryState>
  );
}

function MunicipalityFilter({ regionId, value, onChange }: { regionId: number | undefined; value: number | undefined; onChange: (id: number | undefined) => void }) {
  const municipalities = useMunicipalities(regionId);
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="Все муниципалитеты"
      style={{ minWidth: 260 }}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      loading={municipalities.isPending}
      options={(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.label }))}
      data-testid="municipality-filter"
    />
  );
}

function CampaignView({ detail, municipalityFilter }: { detail: CampaignDetail; municipalityFilter: ReactNode }) {
  const { campaign, completion, schools, curatorLink } = detail;
  const percent = completion.share === null ? 0 : Math.round(completion.share * 100);
  const [editing, setEditing] = useState(false);

  // Schools behind first (as the server orders them), then the finished ones by name.
  const rows = useMemo(() => {
    const order = new Map(completion.behind.map((b, i) => [Number(b.schoolId), i]));
    const summary = new Map(completion.behind.map((b) => [Number(b.schoolId), b.summary]));
    return [...schools]
      .map((s) => ({ ...s, behindSummary: summary.get(s.schoolId) ?? null }))
      .sort(
        (a, b) =>
          (order.get(a.schoolId) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.schoolId) ?? Number.MAX_SAFE_INTEGER) ||
          a.name.localeCompare(b.name, 'ru'),
      );
  }, [schools, completion]);

  const columns: ColumnsType<(typeof rows)[number]> = [
    {
      title: 'Школа',
      dataIndex: 'name',
      width: 260,
      fixed: 'left',
      render: (_, s) => (
        <>
          <Link to={`/surveys/${campaign.id}/schools/${s.schoolId}`} data-testid="school-link" data-school-id={s.schoolId}>
            {s.name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.municipality}
            </Typography.Text>
          </div>
        </>
      ),
    },
    ...SCHOOL_INSTRUMENTS.map((instrument) => ({
      title: INSTRUMENT_LABELS[instrument],
      key: instrument,
      width: 120,
      render: (_: unknown, s: SchoolRow) => {
        const c = s.completion.instruments.find((i) => i.instrument === instrument);
        if (!c) return <Typography.Text type="secondary">—</Typography.Text>;
        return <ReceivedBar received={c.received} expected={c.expected} complete={c.complete} testId={`received-${s.schoolId}-${instrument}`} />;
      },
    })),
    {
      title: 'Состояние',
      key: 'state',
      width: 190,
      render: (_, s) => {
        if (s.completion.complete) return <Tag color="green">завершено</Tag>;
        const unknown = s.completion.instruments.some((i) => i.expected === null);
        const done = s.completion.instruments.filter((i) => i.complete).length;
        return (
          <Tooltip title={s.behindSummary}>
            {unknown ? (
              <Tag color="orange" data-testid="facts-missing">
                численность не указана
              </Tag>
            ) : (
              <Tag color="blue">
                завершено анкет: {done} из {s.completion.instruments.length}
              </Tag>
            )}
          </Tooltip>
        );
      },
    },
    {
      title: 'Профиль',
      key: 'profile',
      width: 170,
      render: (_, s) =>
        s.profileId !== null ? (
          <Link to={`/risk-profiles/${s.profileId}`} data-testid="profile-link">
            <Tag color={s.verification ? VERIFICATION_COLORS[s.verification] : 'blue'}>{s.verification ? VERIFICATION_LABELS[s.verification] : 'рассчитан'}</Tag>
          </Link>
        ) : (
          <Typography.Text type="secondary">не рассчитан</Typography.Text>
        ),
    },
  ];

  return (
    <div data-testid="campaign-page" data-campaign-id={campaign.id}>
      <Link to={`/surveys?cycle=${campaign.cycleId}`}>
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          Анкетирование {campaign.year}
        </Button>
      </Link>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'flex-start', marginBottom: 12 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="campaign-title">
            {campaign.title}
          </Typography.Title>
          <Space wrap size={4}>
            <Tag>{campaign.territory}</Tag>
            <StatusTag campaign={campaign} />
          </Space>
        </div>
        <CampaignActions campaign={campaign} onEdit={() => setEditing(true)} />
      </div>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card size="small" style={{ height: '100%' }}>
            <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
              <Progress type="circle" percent={percent} size={88} status={percent === 100 ? 'success' : 'normal'} />
              <div data-testid="completion-share" data-share={completion.share ?? ''}>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {percent}% школ завершили анкетирование
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary">
                    {completion.completed} из {completion.schools}
                  </Typography.Text>
                </div>
              </div>
            </div>
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card size="small" style={{ height: '100%' }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label="Приём ответов">{campaignWindow(campaign)}</Descriptions.Item>
              <Descriptions.Item label="Школ">{campaign.schoolCount}</Descriptions.Item>
              {campaign.closedAt && <Descriptions.Item label="Завершено досрочно">{formatDateTime(campaign.closedAt)}</Descriptions.Item>}
              <Descriptions.Item label="Профили">
                {campaign.profilesComputedAt ? `рассчитаны ${formatDateTime(campaign.profilesComputedAt)}` : 'ещё не рассчитаны'}
              </Descriptions.Item>
              <Descriptions.Item label="Методика">версия {campaign.methodologyVersion}</Descriptions.Item>
              <Descriptions.Item label="Выбор направлений">{rulesText(campaign.activationRules)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>

      {curatorLink && <CuratorLinkCard link={curatorLink} />}

      <Card
        size="small"
        title="Школы"
        extra={municipalityFilter}
        styles={{ header: { flexWrap: 'wrap', gap: 8, paddingBlock: 8 } }}
      >
        <Table
          rowKey="schoolId"
          size="small"
          dataSource={rows}
          columns={columns}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 1200 }}
          data-testid="campaign-schools"
          onRow={(s) => ({ 'data-testid': 'school-row', 'data-school-id': s.schoolId }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: 'Школ нет' }}
        />
      </Card>
      {editing && <EditCampaignModal campaign={campaign} onClose={() => setEditing(false)} />}
    </div>
  );
}

function CampaignActions({ campaign, onEdit }: { campaign: Campaign; onEdit: () => void }) {
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState<'close' | 'compute'>();

  const close = () =>
    modal.confirm({
      title: 'Завершить анкетирование и рассчитать профили?',
      content: 'Приём ответов прекратится сразу для всех школ, по полученным ответам будут рассчитаны рисковые профили.',
      okText: 'Завершить и рассчитать',
      cancelText: 'Отмена',
      okButtonProps: { 'data-testid': 'confirm-close' },
      onOk: async () => {
        setBusy('close');
        try {
          const { computed } = await api.post<{ campaign: Campaign; computed: number }>(`/api/surveys/campaigns/${campaign.id}/close`);
          message.success(`Анкетирование завершено. Рассчитано профилей: ${computed}`);
          await refreshSurveys(client);
        } catch (e) {
          message.error(errorText(e));
        } finally {
          setBusy(undefined);
        }
      },
    });

  const recompute = () =>
    modal.confirm({
      title: 'Пересчитать рисковые профили?',
      content: 'Профили будут рассчитаны заново по всем отправленным анкетам. Пересчитанный профиль снова ждёт проверки куратором.',
      okText: 'Пересчитать',
      cancelText: 'Отмена',
      okButtonProps: { 'data-testid': 'confirm-recompute' },
      onOk: async () => {
        setBusy('compute');
        try {
          const { computed } = await api.post<{ computed: number }>('/api/risk-profiles/compute', { campaignId: campaign.id });
          message.success(`Пересчитано профилей: ${computed}`);
          await refreshSurveys(client);
        } catch (e) {
          message.error(errorText(e));
        } finally {
          setBusy(undefined);
        }
      },
    });

  return (
    <Space wrap>
      {campaign.can.edit && campaign.status !== 'closed' && (
        <Button icon={<EditOutlined />} onClick={onEdit} data-testid="campaign-edit">
          Изменить
        </Button>
      )}
      {campaign.can.compute && campaign.status !== 'closed' && (
        <Button type="primary" danger icon={<StopOutlined />} loading={busy === 'close'} onClick={close} data-testid="campaign-close">
          Завершить и рассчитать профили
        </Button>
      )}
      {campaign.can.compute && (
        <Button
          type={campaign.status === 'closed' ? 'primary' : 'default'}
          icon={<CalculatorOutlined />}
          loading={busy === 'compute'}
          onClick={recompute}
          data-testid="campaign-recompute"
        >
          Пересчитать профили
        </Button>
      )}
      <Link to={`/risk-profiles?campaign=${campaign.id}&cycle=${campaign.cycleId}`}>
        <Button data-testid="campaign-profiles">Рисковые профили</Button>
      </Link>
    </Space>
  );
}

function CuratorLinkCard({ link }: { link: RespondentLink }) {
  const { message } = App.useApp();
  const url = fullUrl(link.url);
  return (
    <Card size="small" title="Анкета кандидатов в кураторы" style={{ marginBottom: 16 }} data-testid="curator-link">
      <Space wrap align="center">
        <Typography.Text code style={{ fontSize: 16 }}>
          {link.code}
        </Typography.Text>
        <Typography.Text copyable={false} style={{ overflowWrap: 'anywhere' }}>
          {url}
        </Typography.Text>
        <Button
          icon={<CopyOutlined />}
          onClick={async () => ((await copyText(url)) ? message.success('Ссылка скопирована') : message.error('Не удалось скопировать'))}
        >
          Копировать
        </Button>
        <Typography.Text type="secondary">получено анкет: {link.received}</Typography.Text>
      </Space>
    </Card>
  );
}

function EditCampaignModal({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const [form] = Form.useForm<CampaignFormValues>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async (values: CampaignFormValues) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.patch(`/api/surveys/campaigns/${campaign.id}`, {
        version: campaign.version,
        title: values.title.trim(),
        opensOn: values.opensOn,
        closesOn: values.closesOn,
        activationRules: rulesBody(values.activationRules),
      });
      message.success('Изменения сохранены');
      await refreshSurveys(client);
      onClose();
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title="Изменить анкетирование"
      onCancel={onClose}
      okText="Сохранить"
      cancelText="Отмена"
      confirmLoading={busy}
      onOk={() => form.submit()}
      width={640}
      destroyOnHidden
    >
      <Form<CampaignFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          title: campaign.title,
          opensOn: campaign.opensOn,
          closesOn: campaign.closesOn,
          activationRules: rulesValues(campaign.activationRules),
        }}
      >
        <CampaignFields />
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}
