// /surveys/:campaignId/schools/:schoolId — a school in a campaign: its numbers (facts), its respondent codes with
// full links, answers received against expected, a new code if one leaked, and the printable leaflet.
import { ArrowLeftOutlined, CopyOutlined, ExportOutlined, PrinterOutlined, RedoOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, InputNumber, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { applyApiError, errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { useUser } from '../auth/session';
import { copyText } from '../users/api';
import {
  fullUrl,
  INSTRUMENT_LABELS,
  refreshSurveys,
  schoolCampaignKey,
  useSchoolCampaign,
  VERIFICATION_COLORS,
  VERIFICATION_LABELS,
  type Link as RespondentLink,
  type SchoolCampaign,
  type SchoolFactsValue,
  type SchoolRow,
} from './api';
import { campaignWindow, ReceivedBar, StatusTag } from './SurveysPage';

const FACTS_EDITORS = ['admin', 'federal_coordinator', 'regional_coordinator', 'municipal_coordinator', 'curator', 'school'];
const ROTATORS = ['admin', 'federal_coordinator', 'regional_coordinator', 'municipal_coordinator', 'school'];

export function SchoolCampaignPage() {
  const params = useParams();
  const campaignId = Number(params.campaignId);
  const schoolId = Number(params.schoolId);
  const query = useSchoolCampaign(campaignId, schoolId);
  return <QueryState query={query}>{(data) => <SchoolCampaignView data={data} />}</QueryState>;
}

function SchoolCampaignView({ data }: { data: SchoolCampaign }) {
  const { campaign, school, links } = data;
  const user = useUser();
  const mayEditFacts = FACTS_EDITORS.includes(user.role);
  const factsMissing = school.facts.teachers === null || school.facts.students6 === null || school.facts.students9 === null;
  return (
    <div data-testid="school-campaign-page" data-campaign-id={campaign.id} data-school-id={school.schoolId}>
      {user.role !== 'school' && (
        <Link to={`/surveys/${campaign.id}`}>
          <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
            {campaign.title}
          </Button>
        </Link>
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', alignItems: 'flex-start', marginBottom: 12 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="school-name">
            {school.name}
          </Typography.Title>
          <Space wrap size={4}>
            <Tag>{school.municipality}</Tag>
            <StatusTag campaign={campaign} />
            {school.completion.complete && <Tag color="green">анкетирование завершено</Tag>}
          </Space>
        </div>
        <Space wrap>
          <Link to={`/surveys/${campaign.id}/schools/${school.schoolId}/print`}>
            <Button icon={<PrinterOutlined />} disabled={links.length === 0} data-testid="print-button">
              Печать листовки
            </Button>
          </Link>
          {school.profileId !== null && (
            <Link to={`/risk-profiles/${school.profileId}`}>
              <Button type="primary" data-testid="school-profile-link">
                Рисковый профиль
              </Button>
            </Link>
          )}
        </Space>
      </div>

      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="Анкетирование">{campaign.title}</Descriptions.Item>
          <Descriptions.Item label="Приём ответов">{campaignWindow(campaign)}</Descriptions.Item>
          {school.verification && (
            <Descriptions.Item label="Профиль">
              <Tag color={VERIFICATION_COLORS[school.verification]}>{VERIFICATION_LABELS[school.verification]}</Tag>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      {factsMissing && mayEditFacts && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message="Укажите численность участников"
          description="По этим числам МЭДК считает, сколько ответов ожидается от школы, и показывает ход анкетирования."
        />
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <FactsCard data={data} editable={mayEditFacts} />
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title="Коды анкет" data-testid="links-card">
            <Typography.Paragraph type="secondary">
              Раздайте участникам ссылку или код (его вводят на странице <Typography.Text code>{fullUrl('/s')}</Typography.Text>). Одна ссылка — на
              всю группу участников, регистрироваться не нужно, анкеты анонимные.
            </Typography.Paragraph>
            {links.length === 0 ? (
              <Typography.Text type="secondary">Коды анкет для этой школы не созданы.</Typography.Text>
            ) : (
              <Row gutter={[12, 12]}>
                {links.map((link) => (
                  <Col xs={24} md={12} key={link.instrument}>
                    <LinkCard link={link} school={school} campaignId={campaign.id} mayRotate={ROTATORS.includes(user.role)} />
                  </Col>
                ))}
              </Row>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

interface FactsForm {
  teachers: number | null;
  students6: number | null;
  students9: number | null;
  parents: number | null;
}

const countRules = (required: boolean) => [
  ...(required ? [{ required: true, message: 'Укажите число' }] : []),
  { type: 'integer' as const, min: 0, max: 5000, message: 'Целое число от 0 до 5000' },
];

function FactsCard({ data, editable }: { data: SchoolCampaign; editable: boolean }) {
  const { campaign, school } = data;
  const [form] = Form.useForm<FactsForm>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const students6 = Form.useWatch('students6', form);
  const students9 = Form.useWatch('students9', form);
  const parentsDefault = typeof students6 === 'number' && typeof students9 === 'number' ? students6 + students9 : null;

  const submit = async (values: FactsForm) => {
    setBusy(true);
    setError(undefined);
    try {
      const body: SchoolFactsValue = {
        teachers: values.teachers,
        students6: values.students6,
        students9: values.students9,
        parents: typeof values.parents === 'number' ? values.parents : null,
      };
      const result = await api.put<{ school: SchoolRow; links: RespondentLink[] }>(
        `/api/surveys/campaigns/${campaign.id}/schools/${school.schoolId}/facts`,
        body,
      );
      client.setQueryData<SchoolCampaign>(schoolCampaignKey(campaign.id, school.schoolId), (old) =>
        old ? { ...old, school: result.school, links: result.links } : old,
      );
      message.success('Численность сохранена');
      void refreshSurveys(client);
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title="Численность участников" data-testid="facts-card">
      <Form<FactsForm>
        form={form}
        layout="vertical"
        disabled={!editable}
        onFinish={submit}
        initialValues={school.facts}
        requiredMark={editable}
        data-testid="facts-form"
      >
        <Form.Item name="teachers" label="Учителей" rules={countRules(true)}>
          <InputNumber min={0} max={5000} precision={0} style={{ width: '100%' }} inputMode="numeric" data-testid="facts-teachers" />
        </Form.Item>
        <Form.Item name="students6" label="Обучающихся 6 классов" rules={countRules(true)}>
          <InputNumber min={0} max={5000} precision={0} style={{ width: '100%' }} inputMode="numeric" data-testid="facts-students6" />
        </Form.Item>
        <Form.Item name="students9" label="Обучающихся 9 классов" rules={countRules(true)}>
          <InputNumber min={0} max={5000} precision={0} style={{ width: '100%' }} inputMode="numeric" data-testid="facts-students9" />
        </Form.Item>
        <Form.Item
          name="parents"
          label="Родителей"
          rules={countRules(false)}
          extra={`Если не указать — по одному родителю на обучающегося 6 и 9 классов${parentsDefault !== null ? ` (${parentsDefault})` : ''}.`}
        >
          <InputNumber min={0} max={5000} precision={0} style={{ width: '100%' }} inputMode="numeric" placeholder="по умолчанию" data-testid="facts-parents" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="form-error" />}
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="facts-save">
            Сохранить
          </Button>
        )}
      </Form>
    </Card>
  );
}

function LinkCard({ link, school, campaignId, mayRotate }: { link: RespondentLink; school: SchoolRow; campaignId: number; mayRotate: boolean }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const url = fullUrl(link.url);
  const completion = school.completion.instruments.find((i) => i.instrument === link.instrument);

  const rotate = async () => {
    setBusy(true);
    try {
      const { link: fresh } = await api.post<{ link: RespondentLink }>(
        `/api/surveys/campaigns/${campaignId}/schools/${school.schoolId}/links/${link.instrument}/rotate`,
      );
      client.setQueryData<SchoolCampaign>(schoolCampaignKey(campaignId, school.schoolId), (old) =>
        old ? { ...old, links: old.links.map((l) => (l.instrument === fresh.instrument ? fresh : l)) } : old,
      );
      message.success(`Новый код: ${fresh.code}. Старый больше не действует.`);
      void refreshSurveys(client);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{ border: '1px solid #e5e7eb', borderRadius: 8, padding: 12, height: '100%' }}
      data-testid={`link-card-${link.instrument}`}
      data-code={link.code}
      data-url={url}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text strong>{link.title || INSTRUMENT_LABELS[link.instrument]}</Typography.Text>
        {link.revoked && <Tag color="red">код отозван</Tag>}
      </div>
      <div style={{ fontFamily: 'monospace', fontSize: 22, letterSpacing: 2, margin: '6px 0' }} data-testid="link-code">
        {link.code}
      </div>
      <div style={{ overflowWrap: 'anywhere', fontSize: 13, marginBottom: 8 }}>
        <a href={url} target="_blank" rel="noreferrer" data-testid="link-url">
          {url} <ExportOutlined />
        </a>
      </div>
      {completion ? (
        <ReceivedBar received={completion.received} expected={completion.expected} complete={completion.complete} testId="link-received" />
      ) : (
        <Typography.Text data-testid="link-received" data-received={link.received}>
          Получено анкет: {link.received}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 8 }}>
        {link.drafts > 0 ? `ещё заполняют: ${link.drafts} · ` : ''}не более {link.maxResponses} анкет по коду
      </Typography.Text>
      <Space wrap>
        <Button
          icon={<CopyOutlined />}
          onClick={async () => ((await copyText(url)) ? message.success('Ссылка скопирована') : message.error('Не удалось скопировать'))}
          data-testid="link-copy"
        >
          Копировать ссылку
        </Button>
        {mayRotate && (
          <Popconfirm
            title="Выдать новый код?"
            description="Старый код перестанет работать. Уже полученные ответы сохранятся."
            okText="Новый код"
            cancelText="Отмена"
            onConfirm={rotate}
            okButtonProps={{ 'data-testid': 'rotate-confirm' }}
          >
            <Button icon={<RedoOutlined />} loading={busy} data-testid="link-rotate">
              Новый код
            </Button>
          </Popconfirm>
        )}
      </Space>
    </div>
  );
}
