import { Typography } from 'antd';

export function CyclesPage() {
  return <Typography.Title level={3}>…</Typography.Title>;
}
