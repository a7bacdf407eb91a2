// One project year: its selected schools (ШНОР) with curators; add schools from the territory, remove, assign curators.
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Input, Modal, Popconfirm, Select, Space, Table, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../shared/api';
import { errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { refreshTerritories, useSchools, type SchoolItem } from '../territories/api';
import { useDebounced, useMay } from '../territories/hooks';
import { CYCLES_KEY, useCurators, useCycle, useCycleSchools, type CycleItem, type SelectedSchool } from './api';
import { CycleModal, StatusTag } from './CyclesPage';

export function CyclePage() {
  const cycleId = Number(useParams().cycleId);
  const cycle = useCycle(cycleId);
  return <QueryState query={cycle}>{(c) => <CycleView cycle={c} />}</QueryState>;
}

function fold(s: string) {
  return s.toLowerCase().replace(/ё/g, 'е');
}

function CycleView({ cycle }: { cycle: CycleItem }) {
  const schools = useCycleSchools(cycle.id);
  const maySelect = useMay('cycle.selectSchools');
  const mayAssign = useMay('curator.assign');
  const mayEdit = useMay('cycle.write');
  const client = useQueryClient();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);

  const remove = async (s: SelectedSchool) => {
    try {
      await api.delete(`/api/cycles/${cycle.id}/schools/${s.id}`);
      message.success(`Школа «${s.shortName}» исключена из ${cycle.year} года`);
      await Promise.all([client.invalidateQueries({ queryKey: CYCLES_KEY }), refreshTerritories(client)]);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={[{ key: 'all', title: <Link to="/cycles">Годы проекта</Link> }, { key: 'this', title: String(cycle.year) }]}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 12, marginBottom: 16 }}>
        <Space align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {cycle.title}
          </Typography.Title>
          <StatusTag status={cycle.status} />
        </Space>
        <Space wrap>
          {mayEdit && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              Изменить
            </Button>
          )}
          {maySelect && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-cycle-schools">
              Добавить школы
            </Button>
          )}
        </Space>
      </div>
      <Input.Search
        allowClear
        placeholder="Название, код школы или муниципалитет"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        style={{ maxWidth: 380, marginBottom: 12 }}
      />
      <QueryState
        query={schools}
        isEmpty={(d) => d.length === 0}
        empty={
          <Typography.Paragraph>
            В этот год проекта пока не отобрано ни одной школы{maySelect ? ' — нажмите «Добавить школы»' : ''}.
          </Typography.Paragraph>
        }
      >
        {(data) => {
          const term = fold(q.trim());
          const rows = term
            ? data.filter((s) => [s.shortName, s.code, s.municipalityName, s.fullName].some((v) => fold(v).includes(term)))
            : data;
          return (
            <Table<SelectedSchool>
              rowKey="id"
              dataSource={rows}
              data-testid="cycle-schools-table"
              locale={{ emptyText: 'Ничего не нашлось' }}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `Всего: ${n}` }}
              columns={[
                { title: 'Код', dataIndex: 'code', width: 120 },
                {
                  title: 'Школа',
                  dataIndex: 'shortName',
                  render: (_, s) => <Link to={`/territories/schools/${s.id}`}>{s.shortName}</Link>,
                },
                { title: 'Муниципалитет', dataIndex: 'municipalityName' },
                {
                  title: 'Куратор',
                  key: 'curator',
                  width: 320,
                  render: (_, s) =>
                    mayAssign ? (
                      <CuratorPicker cycleId={cycle.id} school={s} />
                    ) : (
                      (s.curator?.fullName ?? <Typography.Text type="secondary">не назначен</Typography.Text>)
                    ),
                },
                ...(maySelect
                  ? [
                      {
                        key: 'remove',
                        width: 60,
                        render: (_: unknown, s: SelectedSchool) => (
                          <Popconfirm
                            title={`Исключить «${s.shortName}» из ${cycle.year} года?`}
                            description="Назначенный куратор тоже будет снят."
                            okText="Исключить"
                            cancelText="Отмена"
                            okButtonProps={{ danger: true }}
                            onConfirm={() => remove(s)}
                          >
                            <Button type="text" danger icon={<DeleteOutlined />} aria-label="Исключить" />
                          </Popconfirm>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          );
        }}
      </QueryState>
      {adding && (
        <AddSchoolsDialog cycle={cycle} selected={new Set((schools.data ?? []).map((s) => s.id))} onClose={() => setAdding(false)} />
      )}
      {editing && <CycleModal cycle={cycle} onClose={() => setEditing(false)} />}
    </>
  );
}

/** Curator of one school in this year: active curators of the school's region. */
function CuratorPicker({ cycleId, school }: { cycleId: number; school: SelectedSchool }) {
  const [open, setOpen] = useState(false);
  const curators = useCurators(school.regionId, cycleId, open);
  const client = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const options = useMemo(() => {
    const list = (curators.data ?? []).map((c) => ({ value: c.id, label: c.fullName, hint: `школ: ${c.schools}` }));
    // Keep the current curator visible before the list loads.
    if (school.curator && !list.some((o) => o.value === school.curator?.id)) {
      list.unshift({ value: school.curator.id, label: school.curator.fullName, hint: '' });
    }
    return list;
  }, [curators.data, school.curator]);

  const change = async (curatorId: number | undefined) => {
    setBusy(true);
    try {
      await api.put(`/api/cycles/${cycleId}/schools/${school.id}/curator`, { curatorId: curatorId ?? null });
      message.success(curatorId ? 'Куратор назначен' : 'Куратор снят');
      await Promise.all([client.invalidateQueries({ queryKey: CYCLES_KEY }), refreshTerritories(client)]);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const select = (
    <Select<number>
      allowClear
      placeholder="Выберите куратора"
      style={{ width: '100%' }}
      value={school.curator?.id}
      loading={busy || curators.isFetching}
      disabled={busy || curators.isError}
      onOpenChange={(o) => o && setOpen(true)}
      onChange={(v) => change(v)}
      showSearch={{ optionFilterProp: 'label' }}
      notFoundContent={curators.isPending && open ? 'Загрузка…' : 'В регионе нет активных кураторов'}
      options={options}
      optionRender={(o) => (
        <Space>
          {o.label}
          {o.data.hint && <Typography.Text type="secondary">{o.data.hint}</Typography.Text>}
        </Space>
      )}
      data-testid={`curator-picker-${school.id}`}
    />
  );
  return curators.isError ? (
    <Tooltip title={`Список кураторов недоступен: ${errorText(curators.error)}`}>
      <span>{select}</span>
    </Tooltip>
  ) : (
    select
  );
}

/** Pick schools of the user's territory (search, pages, checkboxes) and add them to the year. */
function AddSchoolsDialog({ cycle, selected, onClose }: { cycle: CycleItem; selected: Set<number>; onClose: () => void }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [picked, setPicked] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const search = useDebounced(q);
  const schools = useSchools({ q: search, page, pageSize: 10 });

  const add = async () => {
    setBusy(true);
    try {
      const result = await api.post<{ added: number; alreadySelected: number }>(`/api/cycles/${cycle.id}/schools`, {
        schoolIds: picked,
      });
      message.success(`Добавлено школ: ${result.added}`);
      await Promise.all([client.invalidateQueries({ queryKey: CYCLES_KEY }), refreshTerritories(client)]);
      onClose();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={820}
      title={`Добавить школы в ${cycle.year} год`}
      okText={`Добавить выбранные (${picked.length})`}
      okButtonProps={{ disabled: picked.length === 0, 'data-testid': 'add-schools-confirm' }}
      cancelText="Отмена"
      confirmLoading={busy}
      onOk={add}
      onCancel={onClose}
      destroyOnHidden
    >
      <Input.Search
        allowClear
        autoFocus
        placeholder="Название или код школы"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setPage(1);
        }}
        style={{ marginBottom: 12 }}
        data-testid="add-schools-search"
      />
      <QueryState query={schools}>
        {(data) => (
          <Table<SchoolItem>
            rowKey="id"
            size="small"
            dataSource={data.items}
            loading={schools.isFetching}
            data-testid="add-schools-table"
            locale={{ emptyText: 'Ничего не нашлось' }}
            rowSelection={{
              selectedRowKeys: picked,
              preserveSelectedRowKeys: true,
              onChange: (keys) => setPicked(keys.map(Number)),
              getCheckboxProps: (s) => ({ disabled: selected.has(s.id) }),
            }}
            pagination={{
              current: page,
              pageSize: 10,
              total: data.total,
              showSizeChanger: false,
              showTotal: (n) => `Найдено: ${n}`,
              onChange: setPage,
            }}
            columns={[
              { title: 'Код', dataIndex: 'code', width: 120 },
              {
                title: 'Школа',
                dataIndex: 'shortName',
                render: (_, s) =>
                  selected.has(s.id) ? (
                    <Typography.Text type="secondary">{s.shortName} — уже в проекте</Typography.Text>
                  ) : (
                    s.shortName
                  ),
              },
              { title: 'Муниципалитет', dataIndex: 'municipalityName' },
            ]}
          />
        )}
      </QueryState>
    </Modal>
  );
}
