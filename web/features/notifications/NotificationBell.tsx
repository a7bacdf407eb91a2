// Header widgets: the calendar of deadlines and the bell with unread notifications.
import { BellOutlined, CarryOutOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useUnreadCount } from './api';

export function NotificationBell() {
  const navigate = useNavigate();
  const unread = useUnreadCount().data?.unread ?? 0;
  return (
    <>
      <Tooltip title="Календарь сроков">
        <Button type="text" icon={<CarryOutOutlined />} aria-label="Календарь сроков" data-testid="calendar-link" onClick={() => navigate('/calendar')} />
      </Tooltip>
      <Badge count={unread} size="small" overflowCount={99}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={unread ? `Уведомления: непрочитанных ${unread}` : 'Уведомления'}
          data-testid="notification-bell"
          data-unread={unread}
          onClick={() => navigate('/notifications')}
        />
      </Badge>
    </>
  );
}
