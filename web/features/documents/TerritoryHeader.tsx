// Page title with the municipality filter (for accounts above a municipality) and the project-year select;
// shared by the documents overview and the visits page.
import { Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { CycleSelect } from '../roadmaps/RoadmapsPage';
import type { CycleOption } from '../roadmaps/api';
import { useMunicipalities } from '../users/api';

export function TerritoryHeader(props: {
  title: ReactNode;
  /** Show the municipality filter (the account sees several municipalities). */
  areaFilters: boolean;
  regionId: number | null;
  municipalityId: number | undefined;
  onMunicipality: (id: number | undefined) => void;
  cycles: CycleOption[] | undefined;
  cycleId: number | undefined;
  onCycle: (id: number) => void;
}) {
  const municipalities = useMunicipalities(props.regionId ?? undefined, props.areaFilters);
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between', marginBottom: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {props.title}
      </Typography.Title>
      <Space wrap>
        {props.areaFilters && (
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="Все муниципалитеты"
            style={{ minWidth: 240 }}
            value={props.municipalityId}
            onChange={(v) => props.onMunicipality(v ?? undefined)}
            options={(municipalities.data ?? []).map((m) => ({ value: m.id, label: m.label }))}
            data-testid="municipality-filter"
          />
        )}
        {props.cycles && props.cycles.length > 0 && <CycleSelect cycles={props.cycles} value={props.cycleId} onChange={props.onCycle} />}
      </Space>
    </div>
  );
}
