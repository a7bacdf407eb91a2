// Schools of a municipality (with «Добавить школу») and the search over all schools in the user's territory.
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Modal } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { applyApiError } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { refreshTerritories, useMunicipality, useRegion, type Municipality } from './api';
import { Crumbs } from './Crumbs';
import { useMay } from './hooks';
import { PageHeader } from './RegionsPage';
import { schoolBody, SchoolContactFields, SchoolIdentityFields, type SchoolFormValues } from './SchoolForm';
import { SchoolsTable } from './SchoolsTable';

export function MunicipalityPage() {
  const municipalityId = Number(useParams().municipalityId);
  const municipality = useMunicipality(municipalityId);
  const may = useMay('school.write');
  const [adding, setAdding] = useState(false);
  return (
    <QueryState query={municipality}>
      {(m) => (
        <>
          <Crumbs region={{ id: m.regionId, name: m.regionName }} municipality={m} />
          <PageHeader title={m.name}>
            {may && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-school">
                Добавить школу
              </Button>
            )}
          </PageHeader>
          <SchoolsTable municipalityId={m.id} />
          {adding && <NewSchoolModal municipality={m} onClose={() => setAdding(false)} />}
        </>
      )}
    </QueryState>
  );
}

function NewSchoolModal({ municipality, onClose }: { municipality: Municipality; onClose: () => void }) {
  const [form] = Form.useForm<SchoolFormValues>();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: SchoolFormValues) => {
    setBusy(true);
    setError(undefined);
    try {
      const body = { ...schoolBody(values, false), municipalityId: municipality.id };
      // A new school has no values to remove: drop empty numbers.
      body.context = Object.fromEntries(Object.entries(body.context).filter(([, v]) => v !== null));
      const created = await api.post<{ id: number }>('/api/territories/schools', body);
      message.success('Школа добавлена');
      await refreshTerritories(client);
      onClose();
      navigate(`/territories/schools/${created.id}`);
    } catch (e) {
      setError(applyApiError(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={760}
      title={`Новая школа — ${municipality.name}`}
      okText="Добавить"
      cancelText="Отмена"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{ locality: 'urban', directorName: '', email: '', phone: '', context: {} }}
        data-testid="new-school-form"
      >
        <SchoolIdentityFields />
        <SchoolContactFields />
      </Form>
    </Modal>
  );
}

/** /territories/schools?regionId= — search across the user's territory (or one region). */
export function SchoolsSearchPage() {
  const [params] = useSearchParams();
  const regionId = Number(params.get('regionId')) || undefined;
  return regionId ? <RegionSchools regionId={regionId} /> : <AllSchools />;
}

function AllSchools() {
  return (
    <>
      <Crumbs extra="Поиск школ" />
      <PageHeader title="Все школы" />
      <SchoolsTable showMunicipality />
    </>
  );
}

function RegionSchools({ regionId }: { regionId: number }) {
  const region = useRegion(regionId);
  return (
    <QueryState query={region}>
      {(r) => (
        <>
          <Crumbs region={r} extra="Все школы" />
          <PageHeader title={`Школы: ${r.name}`} />
          <SchoolsTable regionId={r.id} showMunicipality />
        </>
      )}
    </QueryState>
  );
}
