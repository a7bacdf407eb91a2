// Page frame: menu by role, the user's name and territory, logout.
import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ScheduleOutlined,
  EnvironmentOutlined,
  ExperimentOutlined,
  FileDoneOutlined,
  FormOutlined,
  HomeOutlined,
  KeyOutlined,
  LineChartOutlined,
  LogoutOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Layout as AntLayout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { roleMay } from '../../domain/access/policy';
import { logout, useUser } from '../features/auth/session';
import { NotificationBell } from '../features/notifications/NotificationBell';

export function Layout({ children }: { children: ReactNode }) {
  const user = useUser();
  const client = useQueryClient();
  const location = useLocation();
  const items = [
    { key: '/', icon: <HomeOutlined />, label: <Link to="/">Личный кабинет</Link> },
    { key: '/roadmaps', icon: <ScheduleOutlined />, label: <Link to="/roadmaps">Дорожные карты</Link> },
    { key: '/monitoring', icon: <BarChartOutlined />, label: <Link to="/monitoring">Мониторинг</Link> },
    { key: '/surveys', icon: <FormOutlined />, label: <Link to="/surveys">Анкетирование</Link> },
    { key: '/risk-profiles', icon: <AlertOutlined />, label: <Link to="/risk-profiles">Рисковые профили</Link> },
    { key: '/documents', icon: <FileDoneOutlined />, label: <Link to="/documents">Документы</Link> },
    ...(user.role !== 'school' && user.role !== 'expert'
      ? [{ key: '/visits', icon: <UserSwitchOutlined />, label: <Link to="/visits">Посещения</Link> }]
      : []),
    ...(['admin', 'federal_coordinator', 'expert'].includes(user.role)
      ? [{ key: '/expertise', icon: <ExperimentOutlined />, label: <Link to="/expertise">Экспертиза</Link> }]
      : []),
    ...(['admin', 'federal_coordinator', 'regional_coordinator', 'municipal_coordinator'].includes(user.role)
      ? [{ key: '/results', icon: <LineChartOutlined />, label: <Link to="/results">Результаты</Link> }]
      : []),
    { key: '/territories', icon: <EnvironmentOutlined />, label: <Link to="/territories">Территории и школы</Link> },
    { key: '/cycles', icon: <CalendarOutlined />, label: <Link to="/cycles">Годы проекта</Link> },
    ...(roleMay(user.role, 'user.read')
      ? [{ key: '/users', icon: <TeamOutlined />, label: <Link to="/users">Пользователи</Link> }]
      : []),
    ...(roleMay(user.role, 'audit.read')
      ? [{ key: '/audit', icon: <AuditOutlined />, label: <Link to="/audit">Журнал действий</Link> }]
      : []),
    { key: '/password', icon: <KeyOutlined />, label: <Link to="/password">Смена пароля</Link> },
  ];
  const selected = items
    .map((i) => i.key)
    .filter((k) => (k === '/' ? location.pathname === '/' : location.pathname.startsWith(k)));

  return (
    <AntLayout style={{ minHeight: '100vh' }}>
      <AntLayout.Sider breakpoint="lg" collapsedWidth={0} width={240} theme="light" style={{ borderRight: '1px solid #eee' }}>
        <div style={{ padding: '16px 20px' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            МЭДК
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            Проект «500+»
          </Typography.Text>
        </div>
        <Menu mode="inline" selectedKeys={selected} items={items} data-testid="main-menu" />
      </AntLayout.Sider>
      <AntLayout>
        <AntLayout.Header
          style={{ background: '#fff', borderBottom: '1px solid #eee', display: 'flex', justifyContent: 'flex-end', paddingInline: 24 }}
        >
          <Space>
            <NotificationBell />
            <span data-testid="current-user">
              <Typography.Text strong>{user.fullName}</Typography.Text>{' '}
              <Typography.Text type="secondary">· {user.roleLabel}</Typography.Text>
            </span>
            <Button icon={<LogoutOutlined />} onClick={() => logout(client)} data-testid="logout">
              Выйти
            </Button>
          </Space>
        </AntLayout.Header>
        <AntLayout.Content style={{ padding: 24 }}>{children}</AntLayout.Content>
      </AntLayout>
    </AntLayout>
  );
}
