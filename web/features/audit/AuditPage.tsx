// «Журнал действий»: who changed what and where, newest first, inside the user's territory.
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Descriptions, Empty, Input, Result, Select, Space, Table, Tag, Typography } from 'antd';
import type { GetProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { roleMay } from '../../../domain/access/policy';
import { api } from '../../shared/api';
import { QueryState } from '../../shared/states';
import { useUser } from '../auth/session';
import { ACTION_COLORS, actionLabel, entityLabel, fieldLabel } from './labels';

interface AuditItem {
  id: number;
  at: string;
  userId: number | null;
  userLogin: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: string;
  changes: Record<string, unknown> | null;
  regionName: string | null;
  municipalityName: string | null;
  schoolName: string | null;
}

interface AuditPageData {
  items: AuditItem[];
  total: number;
}

type RangeValue = GetProps<typeof DatePicker.RangePicker>['value'];

function text(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (value === true) return 'да';
  if (value === false) return 'нет';
  if (Array.isArray(value)) return value.map(text).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const isChange = (v: unknown): v is [unknown, unknown] => Array.isArray(v) && v.length === 2;

/** Changes as a table: field, before, after (for {field: [before, after]}), or field and value. */
function Changes({ changes }: { changes: Record<string, unknown> }) {
  const entries = Object.entries(changes);
  const diffStyle = entries.length > 0 && entries.every(([, v]) => isChange(v));
  if (diffStyle) {
    return (
      <Table
        size="small"
        pagination={false}
        rowKey="field"
        style={{ maxWidth: 900 }}
        dataSource={entries.map(([field, v]) => ({ field, before: (v as unknown[])[0], after: (v as unknown[])[1] }))}
        columns={[
          { title: 'Поле', dataIndex: 'field', render: (f: string) => fieldLabel(f), width: 220 },
          { title: 'Было', dataIndex: 'before', render: (v: unknown) => <Typography.Text delete={v !== null && v !== ''}>{text(v)}</Typography.Text> },
          { title: 'Стало', dataIndex: 'after', render: (v: unknown) => text(v) },
        ]}
      />
    );
  }
  return (
    <Descriptions size="small" column={1} bordered style={{ maxWidth: 900 }}>
      {entries.map(([field, v]) => (
        <Descriptions.Item key={field} label={fieldLabel(field)}>
          {isChange(v) ? `${text(v[0])} → ${text(v[1])}` : text(v)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

export function AuditPage() {
  const user = useUser();
  if (!roleMay(user.role, 'audit.read')) {
    return <Result status="403" title="Журнал действий доступен координаторам и администраторам" />;
  }
  return <AuditLog />;
}

function AuditLog() {
  const [params, setParams] = useSearchParams();
  const [range, setRange] = useState<RangeValue>(null);
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({});
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 50) || 50;
  const filters = {
    action: params.get('action') ?? undefined,
    entityType: params.get('entityType') ?? undefined,
    entityId: params.get('entityId') ?? undefined,
    userId: params.get('userId') ?? undefined,
    q: params.get('q') ?? undefined,
  };

  const setFilter = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  const search = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...period, page: String(page), pageSize: String(pageSize) })) {
    if (value) search.set(key, value);
  }
  const query = useQuery({
    queryKey: ['audit', search.toString()],
    queryFn: () => api.get<AuditPageData>(`/api/audit?${search.toString()}`),
    placeholderData: (previous) => previous,
  });
  const facets = useQuery({
    queryKey: ['audit', 'facets'],
    queryFn: () => api.get<{ actions: string[]; entityTypes: string[] }>('/api/audit/facets'),
    staleTime: 60_000,
  });

  const columns: ColumnsType<AuditItem> = [
    {
      title: 'Время',
      dataIndex: 'at',
      width: 165,
      render: (at: string) => new Date(at).toLocaleString('ru-RU'),
    },
    {
      title: 'Пользователь',
      dataIndex: 'userLogin',
      width: 140,
      render: (login: string | null) => (login ? <Typography.Text code>{login}</Typography.Text> : <Typography.Text type="secondary">система</Typography.Text>),
    },
    {
      title: 'Действие',
      dataIndex: 'action',
      width: 160,
      render: (a: string) => <Tag color={ACTION_COLORS[a]}>{actionLabel(a)}</Tag>,
    },
    {
      title: 'Объект',
      key: 'entity',
      width: 180,
      render: (_, e) => (
        <span>
          {entityLabel(e.entityType)}
          {e.entityId && <Typography.Text type="secondary"> № {e.entityId}</Typography.Text>}
        </span>
      ),
    },
    {
      title: 'Территория',
      key: 'territory',
      width: 230,
      render: (_, e) =>
        [e.schoolName, e.municipalityName, e.regionName].filter(Boolean).join(', ') || (
          <Typography.Text type="secondary">федеральный уровень</Typography.Text>
        ),
    },
    { title: 'Описание', dataIndex: 'summary', width: 360 },
  ];

  const hasFilters = Object.values(filters).some(Boolean) || Boolean(period.from);

  return (
    <div data-testid="audit-page">
      <Typography.Title level={3}>Журнал действий</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          value={range}
          format="DD.MM.YYYY"
          placeholder={['Начало периода', 'Конец периода']}
          onChange={(dates) => {
            setRange(dates);
            const [start, end] = dates ?? [];
            setPeriod(
              start && end
                ? { from: start.startOf('day').toISOString(), to: end.add(1, 'day').startOf('day').toISOString() }
                : {},
            );
            setFilter({});
          }}
          data-testid="audit-filter-period"
        />
        <Select
          allowClear
          placeholder="Все действия"
          style={{ width: 200 }}
          value={filters.action}
          onChange={(action?: string) => setFilter({ action })}
          loading={facets.isFetching}
          options={(facets.data?.actions ?? []).map((a) => ({ value: a, label: actionLabel(a) }))}
          data-testid="audit-filter-action"
        />
        <Select
          allowClear
          placeholder="Все объекты"
          style={{ width: 210 }}
          value={filters.entityType}
          onChange={(entityType?: string) => setFilter({ entityType, entityId: undefined })}
          loading={facets.isFetching}
          options={(facets.data?.entityTypes ?? []).map((e) => ({ value: e, label: entityLabel(e) }))}
          data-testid="audit-filter-entity"
        />
        <Input.Search
          allowClear
          placeholder="Текст описания или логин"
          style={{ width: 280 }}
          defaultValue={filters.q}
          onSearch={(q) => setFilter({ q: q.trim() || undefined })}
          data-testid="audit-filter-q"
        />
        {filters.entityId && (
          <Tag closable onClose={() => setFilter({ entityId: undefined })}>
            {entityLabel(filters.entityType ?? '')} № {filters.entityId}
          </Tag>
        )}
        {filters.userId && (
          <Tag closable onClose={() => setFilter({ userId: undefined })}>
            Действия пользователя № {filters.userId}
          </Tag>
        )}
        {hasFilters && (
          <Button
            type="link"
            onClick={() => {
              setRange(null);
              setPeriod({});
              setParams(new URLSearchParams());
            }}
            data-testid="audit-filter-reset"
          >
            Сбросить фильтры
          </Button>
        )}
      </Space>
      <QueryState query={query}>
        {(data) => (
          <Table<AuditItem>
            rowKey="id"
            size="middle"
            data-testid="audit-table"
            columns={columns}
            dataSource={data.items}
            loading={query.isFetching && !query.isPending}
            locale={{ emptyText: <Empty description={hasFilters ? 'Ничего не найдено' : 'Журнал пока пуст'} /> }}
            expandable={{
              rowExpandable: (e) => e.changes !== null && Object.keys(e.changes).length > 0,
              expandedRowRender: (e) => (e.changes ? <Changes changes={e.changes} /> : null),
            }}
            pagination={{
              current: page,
              pageSize,
              total: data.total,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (total) => `Записей: ${total}`,
              onChange: (p, size) => setFilter({ page: String(size !== pageSize ? 1 : p), pageSize: String(size) }),
            }}
            scroll={{ x: 1300 }}
          />
        )}
      </QueryState>
    </div>
  );
}
