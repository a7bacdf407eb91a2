// Schools of a municipality, a region or the whole scope: search, project-year filter, pages.
import { DeleteOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { LOCALITY_LABELS } from '../../../domain/territories/school';
import { api } from '../../shared/api';
import { errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { useCycles } from '../cycles/api';
import { refreshTerritories, useSchools, type SchoolItem } from './api';
import { useDebounced, useMay } from './hooks';

export function SchoolsTable({
  regionId,
  municipalityId,
  showMunicipality,
}: {
  regionId?: number;
  municipalityId?: number;
  showMunicipality?: boolean;
}) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const mayDelete = useMay('school.write');
  const [q, setQ] = useState('');
  const [cycleYear, setCycleYear] = useState<number>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const search = useDebounced(q);
  const schools = useSchools({ regionId, municipalityId, q: search, cycleYear, page, pageSize });
  const cycles = useCycles();

  const remove = async (school: SchoolItem) => {
    try {
      await api.delete(`/api/territories/schools/${school.id}`);
      message.success(`Школа «${school.shortName}» удалена`);
      await refreshTerritories(client);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder="Название или код школы"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
          style={{ width: 320 }}
          data-testid="schools-search"
        />
        <Select<number>
          allowClear
          placeholder="Все школы (любой год проекта)"
          value={cycleYear}
          onChange={(v) => {
            setCycleYear(v);
            setPage(1);
          }}
          style={{ width: 280 }}
          options={(cycles.data ?? []).map((c) => ({ value: c.year, label: `Отобраны в ${c.year} году` }))}
          data-testid="schools-cycle-filter"
        />
      </Space>
      <QueryState query={schools}>
        {(data) => (
          <Table<SchoolItem>
            rowKey="id"
            size="middle"
            dataSource={data.items}
            loading={schools.isFetching}
            data-testid="schools-table"
            locale={{ emptyText: search || cycleYear ? 'Ничего не нашлось — измените условия поиска' : 'Школ пока нет' }}
            pagination={{
              current: page,
              pageSize,
              total: data.total,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (total) => `Всего: ${total}`,
              onChange: (p, size) => {
                setPage(size !== pageSize ? 1 : p);
                setPageSize(size);
              },
            }}
            columns={[
              { title: 'Код', dataIndex: 'code', width: 130 },
              {
                title: 'Школа',
                dataIndex: 'shortName',
                render: (_, s) => <Link to={`/territories/schools/${s.id}`}>{s.shortName}</Link>,
              },
              ...(showMunicipality ? [{ title: 'Муниципалитет', dataIndex: 'municipalityName' }] : []),
              {
                title: 'Местность',
                dataIndex: 'locality',
                width: 110,
                render: (v: SchoolItem['locality']) => <Tag>{LOCALITY_LABELS[v]}</Tag>,
              },
              { title: 'Директор', dataIndex: 'directorName', responsive: ['lg'] },
              ...(mayDelete
                ? [
                    {
                      title: '',
                      key: 'actions',
                      width: 60,
                      render: (_: unknown, s: SchoolItem) => (
                        <Popconfirm
                          title={`Удалить школу «${s.shortName}»?`}
                          description="Это действие нельзя отменить."
                          okText="Удалить"
                          cancelText="Отмена"
                          okButtonProps={{ danger: true }}
                          onConfirm={() => remove(s)}
                        >
                          <Button type="text" danger icon={<DeleteOutlined />} aria-label="Удалить" />
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
