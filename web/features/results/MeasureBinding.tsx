// A roadmap item's indicator bound to a live measure of the dashboard: «Факт: 75% (9 из 12)», and a small select
// for those who may edit the roadmap (PUT /api/roadmaps/:id/items/:itemId/measure).
import { useQueryClient } from '@tanstack/react-query';
import { App, Select, Typography } from 'antd';
import { useState } from 'react';
import { INDICATOR_TITLES } from '../../../domain/dashboard/indicators';
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS } from '../../../domain/documents/checklist';
import { api } from '../../shared/api';
import { errorText } from '../../shared/forms';

export interface MeasureValue {
  value: number | null;
  numerator: number;
  denominator: number;
}

const OPTIONS = [
  ...Object.entries(INDICATOR_TITLES)
    .filter(([code]) => code !== 'schools')
    .map(([code, title]) => ({ value: code, label: title })),
  ...DOCUMENT_KINDS.map((kind) => ({ value: `document_${kind}`, label: `Подтверждено: ${DOCUMENT_KIND_LABELS[kind]}` })),
];

export function factText(v: MeasureValue): string {
  const value = v.value === null ? '—' : `${String(v.value).replace('.', ',')}%`;
  return `Факт: ${value} (${v.numerator} из ${v.denominator})`;
}

export function MeasureBinding({
  roadmapId,
  itemId,
  measure,
  value,
  canEdit,
}: {
  roadmapId: number;
  itemId: number;
  measure: string | null;
  value?: MeasureValue | null;
  canEdit: boolean;
}) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const change = async (next: string | undefined) => {
    setBusy(true);
    try {
      await api.put(`/api/roadmaps/${roadmapId}/items/${itemId}/measure`, { measure: next ?? null });
      await client.invalidateQueries({ queryKey: ['roadmaps'] });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ marginTop: 4 }} data-testid="item-measure">
      {measure && value && (
        <Typography.Text type="success" style={{ fontSize: 12, display: 'block' }} data-testid="item-measure-value">
          {factText(value)}
        </Typography.Text>
      )}
      {canEdit && (
        <Select
          size="small"
          allowClear
          loading={busy}
          disabled={busy}
          value={measure ?? undefined}
          placeholder="Связать с мониторингом"
          options={OPTIONS}
          onChange={(v: string | undefined) => void change(v)}
          style={{ width: '100%', fontSize: 12 }}
          popupMatchSelectWidth={false}
        />
      )}
    </div>
  );
}
