// «Цели региона»: a regional coordinator's own stage dates and thresholds for the region (municipalities inherit them);
// a stage left at the federal value is not stored.
import { useQueryClient } from '@tanstack/react-query';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Input, InputNumber, Modal, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { errorText } from '../../shared/forms';
import { QueryState } from '../../shared/states';
import { MONITORING_KEY, refreshRoadmaps, ruDate, type Stage } from '../roadmaps/api';

interface TargetStage extends Stage {
  setBy: string | null;
  setAt: string | null;
}
interface Targets {
  cycleId: number;
  regionId: number;
  canEdit: boolean;
  stages: TargetStage[];
}
interface RowState {
  own: boolean;
  measuredOn: string;
  thresholdPercent: number;
}

export function TargetsModal({ cycleId, onClose }: { cycleId: number; onClose: () => void }) {
  const query = useQuery({ queryKey: [...MONITORING_KEY, 'targets', cycleId], queryFn: () => api.get<Targets>(`/api/monitoring/targets?cycleId=${cycleId}`) });
  return (
    <Modal open title="Цели этапов для региона" footer={null} onCancel={onClose} width={760} destroyOnHidden>
      <QueryState query={query}>{(data) => <TargetsForm data={data} onClose={onClose} />}</QueryState>
    </Modal>
  );
}

function TargetsForm({ data, onClose }: { data: Targets; onClose: () => void }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Record<number, RowState>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    setRows(Object.fromEntries(data.stages.map((s) => [s.id, { own: s.source === 'region', measuredOn: s.measuredOn, thresholdPercent: s.thresholdPercent }])));
  }, [data]);
  const set = (id: number, patch: Partial<RowState>) => setRows((r) => ({ ...r, [id]: { ...(r[id] as RowState), ...patch } }));

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const stages = data.stages.filter((s) => rows[s.id]?.own).map((s) => ({ stageId: s.id, measuredOn: rows[s.id]!.measuredOn, thresholdPercent: rows[s.id]!.thresholdPercent }));
      await api.put('/api/monitoring/targets', { cycleId: data.cycleId, regionId: data.regionId, stages });
      await Promise.all([refreshRoadmaps(client), client.invalidateQueries({ queryKey: MONITORING_KEY })]);
      message.success('Цели этапов региона сохранены');
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="targets-form">
      <Typography.Paragraph type="secondary">
        По умолчанию действуют федеральные даты и пороги (45, 75, 100%). Регион может задать свои — по ним измеряются его муниципалитеты и
        школы. Кто и когда изменил цели, сохраняется.
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<TargetStage>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data.stages}
        columns={[
          { title: 'Этап', render: (_, s) => `${s.number}. ${s.title}` },
          { title: 'Федеральное', render: (_, s) => `${ruDate(s.federal.measuredOn)}, ${s.federal.thresholdPercent}%` },
          {
            title: 'Своя цель',
            render: (_, s) => {
              const r = rows[s.id];
              if (!r) return null;
              return (
                <Space orientation="vertical" size={4}>
                  <Checkbox checked={r.own} disabled={!data.canEdit} onChange={(e) => set(s.id, { own: e.target.checked })} data-testid={`target-own-${s.number}`}>
                    задать
                  </Checkbox>
                  {r.own && (
                    <Space>
                      <Input type="date" value={r.measuredOn} onChange={(e) => set(s.id, { measuredOn: e.target.value })} style={{ width: 160 }} />
                      <InputNumber min={0} max={100} value={r.thresholdPercent} onChange={(v) => set(s.id, { thresholdPercent: Number(v ?? 0) })} suffix="%" data-testid={`target-threshold-${s.number}`} />
                    </Space>
                  )}
                  {s.setBy && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {s.setBy}, {ruDate(s.setAt)}
                    </Typography.Text>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      {data.canEdit && (
        <Space style={{ marginTop: 12, justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>Отмена</Button>
          <Button type="primary" loading={busy} onClick={save} data-testid="targets-save">
            Сохранить цели
          </Button>
        </Space>
      )}
    </div>
  );
}
