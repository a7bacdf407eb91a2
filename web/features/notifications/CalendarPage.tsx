// The calendar of a cycle's deadlines for the signed-in user: document slots, monitoring stages, roadmap items —
// a list grouped by month.
import { Alert, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { SLOT_STATE_LABELS, type SlotState } from '../../../domain/documents';
import { QueryState } from '../../shared/states';
import { useCalendar, type CalendarEntry } from './api';

const TYPE: Record<CalendarEntry['type'], { label: string; color: string }> = {
  document: { label: 'документ', color: 'blue' },
  stage: { label: 'этап мониторинга', color: 'purple' },
  roadmap_item: { label: 'дорожная карта', color: 'green' },
};

const STATE_COLOR: Partial<Record<SlotState, string>> = { confirmed: 'success', overdue: 'error', returned: 'warning', submitted: 'processing' };

const monthTitle = (ym: string) => {
  const text = new Date(`${ym}-01T00:00:00`).toLocaleDateString('ru-RU', { month: 'long', year: 'numeric' });
  return text.charAt(0).toUpperCase() + text.slice(1);
};
const dayOf = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}`;

export function CalendarPage() {
  const query = useCalendar(undefined);
  return (
    <>
      <Typography.Title level={3}>Календарь сроков</Typography.Title>
      <QueryState query={query}>
        {(data) => {
          const months = new Map<string, CalendarEntry[]>();
          for (const e of data.entries) {
            const key = e.date.slice(0, 7);
            months.set(key, [...(months.get(key) ?? []), e]);
          }
          if (!data.entries.length) return <Empty description="Сроков нет" />;
          return (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">{data.cycle.year} год проекта</Typography.Text>
              {data.truncated && <Alert type="info" message="Показаны не все мероприятия дорожных карт: откройте дорожную карту, чтобы увидеть все сроки." />}
              {[...months.entries()].map(([month, entries]) => (
                <div key={month} data-testid="calendar-month" data-month={month}>
                  <Typography.Title level={4}>{monthTitle(month)}</Typography.Title>
                  <List
                    size="small"
                    bordered
                    dataSource={entries}
                    renderItem={(e) => (
                      <List.Item data-testid="calendar-entry" data-date={e.date} data-type={e.type}>
                        <Space wrap>
                          <Typography.Text strong style={{ minWidth: 48, display: 'inline-block' }}>
                            {dayOf(e.date)}
                          </Typography.Text>
                          <Tag color={TYPE[e.type].color}>{TYPE[e.type].label}</Tag>
                          {e.link ? <Link to={e.link}>{e.title}</Link> : e.title}
                          {e.detail && <Typography.Text type="secondary">{e.detail}</Typography.Text>}
                          {e.state && <Tag color={STATE_COLOR[e.state as SlotState]}>{SLOT_STATE_LABELS[e.state as SlotState] ?? e.state}</Tag>}
                        </Space>
                      </List.Item>
                    )}
                  />
                </div>
              ))}
            </Space>
          );
        }}
      </QueryState>
    </>
  );
}
