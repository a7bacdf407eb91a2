import { Typography } from 'antd';

export function MonitoringPage() {
  return <Typography.Title level={3}>…</Typography.Title>;
}
