import { Typography } from 'antd';

export function RoadmapsPage() {
  return <Typography.Title level={3}>…</Typography.Title>;
}
