import { Typography } from 'antd';

export function UsersPage() {
  return <Typography.Title level={3}>…</Typography.Title>;
}
