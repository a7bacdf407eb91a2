// School card (карточка ОО): data, project years with curators, and the edit form the role allows.
import { DeleteOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { CONTEXT_FIELDS, LOCALITY_LABELS } from '../../../domain/territories/school';
import { api } from '../../shared/api';
import { applyApiError, errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { refreshTerritories, useSchool, type School, type SchoolCycle } from './api';
import { Crumbs } from './Crumbs';
import { useMay } from './hooks';
import { schoolBody, SchoolContactFields, schoolFormValues, SchoolIdentityFields, type SchoolFormValues } from './SchoolForm';

const STATUS: Record<SchoolCycle['status'], { label: string; color: string }> = {
  planned: { label: 'планируется', color: 'default' },
  active: { label: 'идёт', color: 'green' },
  closed: { label: 'завершён', color: 'default' },
};

export function SchoolPage({ id }: { id?: number }) {
  const param = Number(useParams().schoolId);
  const school = useSchool(id ?? param);
  return <QueryState query={school}>{(s) => <SchoolCard school={s} />}</QueryState>;
}

function SchoolCard({ school }: { school: School }) {
  const mayWrite = useMay('school.write');
  const mayContacts = useMay('school.context.write');
  const client = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const remove = async () => {
    try {
      await api.delete(`/api/territories/schools/${school.id}`);
      message.success('Школа удалена');
      await refreshTerritories(client);
      navigate(`/territories/municipalities/${school.municipalityId}`);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <>
      <Crumbs
        region={{ id: school.regionId, name: school.regionName }}
        municipality={{ id: school.municipalityId, name: school.municipalityName }}
        school={{ id: school.id, name: school.shortName }}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 12 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="school-title">
          {school.shortName}
        </Typography.Title>
        {mayWrite && (
          <Popconfirm
            title="Удалить школу?"
            description="Это действие нельзя отменить."
            okText="Удалить"
            cancelText="Отмена"
            okButtonProps={{ danger: true }}
            onConfirm={remove}
          >
            <Button danger icon={<DeleteOutlined />}>
              Удалить школу
            </Button>
          </Popconfirm>
        )}
      </div>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Card title="Сведения о школе" data-testid="school-card">
          <Descriptions
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'full', label: 'Полное наименование', children: school.fullName, span: 2 },
              { key: 'code', label: 'Код', children: school.code },
              { key: 'loc', label: 'Местность', children: LOCALITY_LABELS[school.locality] },
              { key: 'region', label: 'Регион', children: school.regionName },
              { key: 'mo', label: 'Муниципалитет', children: school.municipalityName },
              { key: 'address', label: 'Адрес', children: school.address || '—', span: 2 },
              { key: 'director', label: 'Директор', children: school.directorName || '—' },
              { key: 'email', label: 'Почта', children: school.email || '—' },
              { key: 'phone', label: 'Телефон', children: school.phone || '—' },
              ...CONTEXT_FIELDS.map((f) => ({
                key: f.key,
                label: f.label,
                children: school.context[f.key] ?? '—',
              })),
            ]}
          />
        </Card>
        <Card title="Участие в проекте">
          {school.cycles.length === 0 ? (
            <Empty description="Школа пока не отобрана ни в один год проекта" />
          ) : (
            <Table<SchoolCycle>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={school.cycles}
              data-testid="school-cycles"
              columns={[
                { title: 'Год', dataIndex: 'year', width: 80 },
                { title: 'Название', dataIndex: 'title' },
                {
                  title: 'Статус',
                  dataIndex: 'status',
                  width: 140,
                  render: (s: SchoolCycle['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>,
                },
                {
                  title: 'Куратор',
                  key: 'curator',
                  render: (_, c) => c.curator?.fullName ?? <Typography.Text type="secondary">не назначен</Typography.Text>,
                },
              ]}
            />
          )}
        </Card>
        {(mayWrite || mayContacts) && <SchoolEditForm school={school} contactsOnly={!mayWrite} />}
      </Space>
    </>
  );
}

function SchoolEditForm({ school, contactsOnly }: { school: School; contactsOnly: boolean }) {
  const [form] = Form.useForm<SchoolFormValues>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    form.setFieldsValue(schoolFormValues(school));
  }, [school, form]);

  const submit = async (values: SchoolFormValues) => {
    setBusy(true);
    setError(undefined);
    try {
      await api.patch(`/api/territories/schools/${school.id}`, schoolBody(values, contactsOnly));
      message.success('Изменения сохранены');
      await refreshTerritories(client);
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={contactsOnly ? 'Контакты и контекстные данные' : 'Изменить данные школы'}>
      {contactsOnly && (
        <Typography.Paragraph type="secondary">
          Название, код и адрес школы меняет муниципальный или региональный координатор.
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={schoolFormValues(school)}
        data-testid="school-form"
      >
        {!contactsOnly && <SchoolIdentityFields />}
        <SchoolContactFields />
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="school-save">
            Сохранить
          </Button>
          <Button onClick={() => form.setFieldsValue(schoolFormValues(school))} disabled={busy}>
            Отменить изменения
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
