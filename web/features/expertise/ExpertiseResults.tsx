// «Результаты федеральной экспертизы» on a school's checklist: completed reviews only (nothing shown otherwise).
import { Card, Collapse, Space, Tag, Typography } from 'antd';
import { ruDateTime } from '../documents/api';
import {
  CONCLUSION_COLORS,
  CONCLUSION_LABELS,
  CRITERION_MARK_LABELS,
  DEFAULT_EXPERTISE_CRITERIA,
  DOCUMENT_KIND_LABELS,
  MARK_COLORS,
  useSchoolResults,
} from './api';

export function ExpertiseResults({ schoolId, cycleId }: { schoolId: number; cycleId: number }) {
  const results = useSchoolResults(schoolId, cycleId);
  const items = results.data?.results ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="small" title="Результаты федеральной экспертизы" style={{ marginBottom: 16 }} data-testid="expertise-results">
      {items.map((r) => (
        <div key={r.reviewId} style={{ marginBottom: 12 }} data-testid="expertise-result">
          <Space wrap size={8}>
            <Typography.Text strong>{r.sample.title}</Typography.Text>
            {r.conclusion && <Tag color={CONCLUSION_COLORS[r.conclusion]}>{CONCLUSION_LABELS[r.conclusion]}</Tag>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.sample.kinds.map((k) => DOCUMENT_KIND_LABELS[k]).join(', ')}
              {r.completedAt ? ` · завершена ${ruDateTime(r.completedAt)}` : ''}
            </Typography.Text>
          </Space>
          {r.comment && <Typography.Paragraph style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{r.comment}</Typography.Paragraph>}
          <Collapse
            ghost
            size="small"
            items={[
              {
                key: 'c',
                label: 'Оценки по критериям',
                children: (
                  <ol style={{ paddingLeft: 18, margin: 0 }}>
                    {DEFAULT_EXPERTISE_CRITERIA.map((c) => {
                      const mark = r.marks[c.code];
                      return (
                        <li key={c.code} style={{ marginBottom: 4 }}>
                          {c.title}: {mark ? <Tag color={MARK_COLORS[mark]}>{CRITERION_MARK_LABELS[mark]}</Tag> : '—'}
                        </li>
                      );
                    })}
                  </ol>
                ),
              },
            ]}
          />
        </div>
      ))}
    </Card>
  );
}
