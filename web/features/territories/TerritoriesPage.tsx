import { Typography } from 'antd';

export function TerritoriesPage() {
  return <Typography.Title level={3}>…</Typography.Title>;
}
