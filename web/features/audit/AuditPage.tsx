import { Typography } from 'antd';

export function AuditPage() {
  return <Typography.Title level={3}>…</Typography.Title>;
}
