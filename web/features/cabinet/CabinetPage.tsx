import { Typography } from 'antd';

export function CabinetPage() {
  return <Typography.Title level={3}>…</Typography.Title>;
}
