// Regions list (top of the drill-down) and the municipalities of one region.
import { DeleteOutlined, EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Popconfirm, Space, Table, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { refreshTerritories, useMunicipalities, useRegion, useRegions, type MunicipalityItem, type RegionItem } from './api';
import { CodeNameModal, type CodeName } from './CodeNameModal';
import { Crumbs } from './Crumbs';
import { ExportButton } from './ExportButton';
import { useMay } from './hooks';
import { ImportButton } from './ImportDialog';

/** Title row with the buttons every territory page shares. */
export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  const mayImport = useMay('school.write');
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', marginBottom: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <Space wrap>
        {children}
        {mayImport && <ImportButton />}
        <ExportButton />
      </Space>
    </div>
  );
}

function matches(item: { code: string; name: string }, q: string) {
  const norm = (s: string) => s.toLowerCase().replace(/ё/g, 'е');
  return !q || norm(item.name).includes(norm(q.trim())) || norm(item.code).includes(norm(q.trim()));
}

/** Edit/delete buttons for a row; `onDelete` errors are shown as messages. */
function RowActions({ onEdit, onDelete, what }: { onEdit: () => void; onDelete: () => Promise<void>; what: string }) {
  return (
    <Space size={0}>
      <Button type="text" icon={<EditOutlined />} onClick={onEdit} aria-label="Изменить" />
      <Popconfirm
        title={`Удалить ${what}?`}
        okText="Удалить"
        cancelText="Отмена"
        okButtonProps={{ danger: true }}
        onConfirm={onDelete}
      >
        <Button type="text" danger icon={<DeleteOutlined />} aria-label="Удалить" />
      </Popconfirm>
    </Space>
  );
}

export function RegionsPage() {
  const regions = useRegions();
  const may = useMay('region.write');
  const client = useQueryClient();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<RegionItem | 'new'>();

  const save = async (values: CodeName) => {
    if (editing === 'new') await api.post('/api/territories/regions', values);
    else if (editing) await api.patch(`/api/territories/regions/${editing.id}`, values);
    message.success('Сохранено');
    await refreshTerritories(client);
  };
  const remove = async (r: RegionItem) => {
    try {
      await api.delete(`/api/territories/regions/${r.id}`);
      message.success(`Регион «${r.name}» удалён`);
      await refreshTerritories(client);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <>
      <Crumbs />
      <PageHeader title="Территории и школы">
        <Link to="/territories/schools">
          <Button icon={<SearchOutlined />}>Найти школу</Button>
        </Link>
        {may && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-region">
            Добавить регион
          </Button>
        )}
      </PageHeader>
      <Input.Search
        allowClear
        placeholder="Название или код региона"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ maxWidth: 360, marginBottom: 12 }}
      />
      <QueryState query={regions} isEmpty={(d) => d.length === 0} empty={<Typography.Text>Регионов пока нет.</Typography.Text>}>
        {(data) => (
          <Table<RegionItem>
            rowKey="id"
            dataSource={data.filter((r) => matches(r, q))}
            data-testid="regions-table"
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `Всего: ${n}` }}
            locale={{ emptyText: 'Ничего не нашлось' }}
            columns={[
              { title: 'Код', dataIndex: 'code', width: 100 },
              {
                title: 'Регион',
                dataIndex: 'name',
                render: (_, r) => <Link to={`/territories/regions/${r.id}`}>{r.name}</Link>,
              },
              { title: 'Муниципалитетов', dataIndex: 'municipalities', width: 160 },
              { title: 'Школ', dataIndex: 'schools', width: 100 },
              ...(may
                ? [
                    {
                      key: 'actions',
                      width: 100,
                      render: (_: unknown, r: RegionItem) => (
                        <RowActions what={`регион «${r.name}»`} onEdit={() => setEditing(r)} onDelete={() => remove(r)} />
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryState>
      <CodeNameModal
        open={editing !== undefined}
        title={editing === 'new' ? 'Новый регион' : 'Изменить регион'}
        nameLabel="Название региона"
        codeHint="Например, 57"
        initial={editing && editing !== 'new' ? { code: editing.code, name: editing.name } : undefined}
        onSubmit={save}
        onClose={() => setEditing(undefined)}
      />
    </>
  );
}

export function RegionPage() {
  const regionId = Number(useParams().regionId);
  const region = useRegion(regionId);
  const municipalities = useMunicipalities(regionId);
  const may = useMay('municipality.write');
  const client = useQueryClient();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<MunicipalityItem | 'new'>();

  const save = async (values: CodeName) => {
    if (editing === 'new') await api.post('/api/territories/municipalities', { ...values, regionId });
    else if (editing) await api.patch(`/api/territories/municipalities/${editing.id}`, values);
    message.success('Сохранено');
    await refreshTerritories(client);
  };
  const remove = async (m: MunicipalityItem) => {
    try {
      await api.delete(`/api/territories/municipalities/${m.id}`);
      message.success(`Муниципалитет «${m.name}» удалён`);
      await refreshTerritories(client);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <QueryState query={region}>
      {(r) => (
        <>
          <Crumbs region={r} />
          <PageHeader title={r.name}>
            <Link to={`/territories/schools?regionId=${r.id}`}>
              <Button icon={<SearchOutlined />}>Все школы региона</Button>
            </Link>
            {may && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-municipality">
                Добавить муниципалитет
              </Button>
            )}
          </PageHeader>
          <Input.Search
            allowClear
            placeholder="Название или код муниципалитета"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            style={{ maxWidth: 360, marginBottom: 12 }}
          />
          <QueryState
            query={municipalities}
            isEmpty={(d) => d.length === 0}
            empty={<Typography.Text>В регионе пока нет муниципалитетов.</Typography.Text>}
          >
            {(data) => (
              <Table<MunicipalityItem>
                rowKey="id"
                dataSource={data.filter((m) => matches(m, q))}
                data-testid="municipalities-table"
                pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `Всего: ${n}` }}
                locale={{ emptyText: 'Ничего не нашлось' }}
                columns={[
                  { title: 'Код', dataIndex: 'code', width: 120 },
                  {
                    title: 'Муниципалитет',
                    dataIndex: 'name',
                    render: (_, m) => <Link to={`/territories/municipalities/${m.id}`}>{m.name}</Link>,
                  },
                  { title: 'Школ', dataIndex: 'schools', width: 100 },
                  ...(may
                    ? [
                        {
                          key: 'actions',
                          width: 100,
                          render: (_: unknown, m: MunicipalityItem) => (
                            <RowActions
                              what={`муниципалитет «${m.name}»`}
                              onEdit={() => setEditing(m)}
                              onDelete={() => remove(m)}
                            />
                          ),
                        },
                      ]
                    : []),
                ]}
              />
            )}
          </QueryState>
          <CodeNameModal
            open={editing !== undefined}
            title={editing === 'new' ? 'Новый муниципалитет' : 'Изменить муниципалитет'}
            nameLabel="Название муниципалитета"
            codeHint={`Например, ${r.code}-01`}
            initial={editing && editing !== 'new' ? { code: editing.code, name: editing.name } : undefined}
            onSubmit={save}
            onClose={() => setEditing(undefined)}
          />
        </>
      )}
    </QueryState>
  );
}
