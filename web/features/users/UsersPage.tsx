// «Пользователи»: accounts inside the user's territory, with creation, editing, password reset,
// access credentials and import. Buttons follow the policy; the server checks everything again.
import { FileExcelOutlined, KeyOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Input, Popconfirm, Result, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { manageableRoles, roleMay } from '../../../domain/access/policy';
import { ROLE_LABELS, ROLES, type Role } from '../../../domain/access/roles';
import { api } from '../../shared/api';
import { errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { useUser } from '../auth/session';
import { CredentialsModal } from './CredentialsModal';
import { ImportModal } from './ImportModal';
import { PasswordModal, type OneTimePassword } from './PasswordModal';
import { CreateUserModal, EditUserModal } from './UserFormModal';
import {
  formatDateTime,
  territoryOf,
  useMunicipalities,
  useRegions,
  useUsers,
  USERS_KEY,
  type UserFilters,
  type UserItem,
} from './api';

function CuratedSchools({ user }: { user: UserItem }) {
  if (user.curatedSchools.length === 0) return <Typography.Text type="secondary">школы не назначены</Typography.Text>;
  const latest = Math.max(...user.curatedSchools.map((s) => s.cycleYear));
  const current = user.curatedSchools.filter((s) => s.cycleYear === latest);
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        Школы ({latest}):
      </Typography.Text>{' '}
      {current.map((s) => (
        <Tooltip key={s.id} title={s.name}>
          <Tag style={{ marginBottom: 2 }}>{s.code}</Tag>
        </Tooltip>
      ))}
    </div>
  );
}

export function UsersPage() {
  const actor = useUser();
  if (!roleMay(actor.role, 'user.read')) {
    return <Result status="403" title="Раздел «Пользователи» доступен координаторам и администраторам" />;
  }
  return <UsersList />;
}

function UsersList() {
  const actor = useUser();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<UserFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [selected, setSelected] = useState<number[]>([]);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserItem | null>(null);
  const [password, setPassword] = useState<OneTimePassword | null>(null);
  const [credentials, setCredentials] = useState(false);
  const [importing, setImporting] = useState(false);
  const [busyId, setBusyId] = useState<number | null>(null);

  const query = useUsers(filters, page, pageSize);
  const mayWrite = roleMay(actor.role, 'user.write') && manageableRoles(actor.role).length > 0;
  const mayAudit = roleMay(actor.role, 'audit.read');
  const regionFixed = actor.regionId !== null;
  const municipalityFixed = actor.municipalityId !== null;
  const regions = useRegions(!regionFixed);
  const filterRegion = filters.regionId ?? actor.regionId ?? undefined;
  const municipalities = useMunicipalities(filterRegion, !municipalityFixed && filterRegion !== undefined);

  const setFilter = (patch: Partial<UserFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  const toggleActive = async (user: UserItem) => {
    setBusyId(user.id);
    try {
      await api.patch(`/api/users/${user.id}`, { active: !user.active });
      await client.invalidateQueries({ queryKey: USERS_KEY });
      message.success(user.active ? `Учётная запись «${user.login}» отключена` : `Учётная запись «${user.login}» включена`);
      if (user.active) setSelected((s) => s.filter((id) => id !== user.id));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusyId(null);
    }
  };

  const resetPassword = async (user: UserItem) => {
    setBusyId(user.id);
    try {
      const res = await api.post<{ login: string; password: string }>(`/api/users/${user.id}/reset-password`);
      await client.invalidateQueries({ queryKey: USERS_KEY });
      setPassword({ login: res.login, password: res.password, fullName: user.fullName, title: 'Пароль сброшен' });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusyId(null);
    }
  };

  const columns: ColumnsType<UserItem> = [
    {
      title: 'ФИО',
      key: 'fullName',
      width: 240,
      render: (_, u) => (
        <div>
          <Typography.Text strong>{u.fullName}</Typography.Text>
          {u.self && <Tag style={{ marginLeft: 8 }}>это вы</Tag>}
          {u.email && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {u.email}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: 'Логин',
      key: 'login',
      width: 190,
      render: (_, u) => (
        <Space orientation="vertical" size={2}>
          <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
            {u.login}
          </Typography.Text>
          <span>
            {u.mustChangePassword && <Tag color="gold">временный пароль</Tag>}
            {u.locked && <Tag color="red">заблокирована</Tag>}
          </span>
        </Space>
      ),
    },
    { title: 'Роль', dataIndex: 'roleLabel', key: 'role', width: 160 },
    {
      title: 'Территория',
      key: 'territory',
      render: (_, u) => (
        <div>
          <div>{territoryOf(u)}</div>
          {u.role === 'curator' && <CuratedSchools user={u} />}
        </div>
      ),
    },
    {
      title: 'Последний вход',
      key: 'lastLoginAt',
      width: 150,
      render: (_, u) =>
        u.lastLoginAt ? formatDateTime(u.lastLoginAt) : <Typography.Text type="secondary">не входил(а)</Typography.Text>,
    },
    {
      title: 'Активна',
      key: 'active',
      width: 110,
      render: (_, u) => (u.active ? <Tag color="green">да</Tag> : <Tag>отключена</Tag>),
    },
    {
      title: 'Действия',
      key: 'actions',
      width: 240,
      fixed: 'right',
      render: (_, u) => (
        <Space wrap size={4}>
          {mayWrite && u.canManage && (
            <>
              <Button size="small" onClick={() => setEditing(u)} data-testid="user-edit">
                Изменить
              </Button>
              <Popconfirm
                title={`Выдать новый временный пароль для «${u.login}»?`}
                description="Текущий пароль перестанет действовать, сеансы пользователя завершатся."
                okText="Сбросить"
                cancelText="Отмена"
                onConfirm={() => resetPassword(u)}
              >
                <Button size="small" icon={<KeyOutlined />} loading={busyId === u.id} data-testid="user-reset">
                  Пароль
                </Button>
              </Popconfirm>
              <Popconfirm
                title={u.active ? `Отключить учётную запись «${u.login}»?` : `Включить учётную запись «${u.login}»?`}
                description={u.active ? 'Пользователь не сможет войти, текущие сеансы завершатся.' : undefined}
                okText={u.active ? 'Отключить' : 'Включить'}
                okButtonProps={{ danger: u.active }}
                cancelText="Отмена"
                onConfirm={() => toggleActive(u)}
              >
                <Button size="small" danger={u.active} data-testid="user-toggle">
                  {u.active ? 'Отключить' : 'Включить'}
                </Button>
              </Popconfirm>
            </>
          )}
          {mayAudit && (
            <Link to={`/audit?entityType=user&entityId=${u.id}`} data-testid="user-history">
              История
            </Link>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="users-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          Пользователи
        </Typography.Title>
        {mayWrite && (
          <Space wrap>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="users-create">
              Создать пользователя
            </Button>
            <Button icon={<FileExcelOutlined />} onClick={() => setCredentials(true)} data-testid="users-credentials">
              Реквизиты доступа{selected.length ? ` (${selected.length})` : ''}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="users-import">
              Импорт пользователей
            </Button>
          </Space>
        )}
      </Space>

      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder="ФИО, логин, почта, школа"
          style={{ width: 280 }}
          onSearch={(value) => setFilter({ q: value.trim() || undefined })}
          data-testid="users-filter-q"
        />
        <Select
          allowClear
          placeholder="Все роли"
          style={{ width: 230 }}
          value={filters.role}
          onChange={(role?: Role) => setFilter({ role })}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          data-testid="users-filter-role"
        />
        {!regionFixed && !regions.isError && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="Все регионы"
            style={{ width: 220 }}
            value={filters.regionId}
            loading={regions.isFetching}
            onChange={(regionId?: number) => setFilter({ regionId, municipalityId: undefined })}
            options={(regions.data ?? []).map((o) => ({ value: o.id, label: o.label }))}
            data-testid="users-filter-region"
          />
        )}
        {!municipalityFixed && !municipalities.isError && filterRegion !== undefined && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="Все муниципалитеты"
            style={{ width: 240 }}
            value={filters.municipalityId}
            loading={municipalities.isFetching}
            onChange={(municipalityId?: number) => setFilter({ municipalityId })}
            options={(municipalities.data ?? []).map((o) => ({ value: o.id, label: o.label }))}
            data-testid="users-filter-municipality"
          />
        )}
        <Select
          style={{ width: 200 }}
          value={filters.active ?? 'all'}
          onChange={(v: 'all' | 'true' | 'false') => setFilter({ active: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: 'Все учётные записи' },
            { value: 'true', label: 'Активные' },
            { value: 'false', label: 'Отключённые' },
          ]}
          data-testid="users-filter-active"
        />
      </Space>

      {mayWrite && selected.length > 0 && (
        <Space style={{ marginBottom: 8 }}>
          <Typography.Text>Выбрано: {selected.length}</Typography.Text>
          <Button size="small" type="link" onClick={() => setSelected([])}>
            Снять выбор
          </Button>
        </Space>
      )}

      <QueryState query={query}>
        {(data) => (
          <Table<UserItem>
            rowKey="id"
            size="middle"
            data-testid="users-table"
            columns={columns}
            dataSource={data.items}
            loading={query.isFetching && !query.isPending}
            onRow={(u) => ({ 'data-testid': `user-row-${u.login}` }) as HTMLAttributes<HTMLElement>}
            rowSelection={
              mayWrite
                ? {
                    selectedRowKeys: selected,
                    preserveSelectedRowKeys: true,
                    onChange: (keys) => setSelected(keys.map(Number)),
                    getCheckboxProps: (u) => ({ disabled: !u.canManage || !u.active }),
                  }
                : undefined
            }
            locale={{ emptyText: <Empty description="Пользователи не найдены" /> }}
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
            scroll={{ x: 1350 }}
          />
        )}
      </QueryState>

      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(p) => {
          setCreating(false);
          setPassword(p);
        }}
      />
      <EditUserModal user={editing} onClose={() => setEditing(null)} />
      <PasswordModal value={password} onClose={() => setPassword(null)} />
      <CredentialsModal
        open={credentials}
        selectedIds={selected}
        onClose={() => setCredentials(false)}
        onDone={() => {
          setCredentials(false);
          setSelected([]);
        }}
      />
      <ImportModal open={importing} onClose={() => setImporting(false)} />
    </div>
  );
}
