// Личный кабинет: territory, current cycle, key numbers, «что сделать дальше» and the territory's dashboard.
import { CheckCircleOutlined, ExclamationCircleOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, List, Row, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Cabinet } from '../../../server/modules/cabinet/service';
import { api } from '../../shared/api';
import { Dashboard } from '../dashboard/Dashboard';
import { QueryState } from '../../shared/states';

const CYCLE_STATUS: Record<string, string> = { planned: 'планируется', active: 'идёт', closed: 'завершён' };

export function CabinetPage() {
  const query = useQuery({ queryKey: ['cabinet'], queryFn: () => api.get<Cabinet>('/api/cabinet') });
  return (
    <QueryState query={query}>
      {(c) => (
        <div data-testid="cabinet">
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            Личный кабинет · {c.user.roleLabel}
          </Typography.Title>
          <Typography.Paragraph>
            Территория: <Typography.Text strong data-testid="cabinet-territory">{c.territory.label}</Typography.Text>
            {c.territory.municipality && c.territory.school ? ` (${c.territory.municipality})` : ''}
            {c.cycle && (
              <>
                {' · '}
                {c.cycle.title} <Tag color={c.cycle.status === 'active' ? 'green' : 'default'}>{CYCLE_STATUS[c.cycle.status]}</Tag>
              </>
            )}
          </Typography.Paragraph>

          <Card title="Что сделать дальше" style={{ marginBottom: 16 }} data-testid="next-steps">
            {c.nextSteps.length === 0 ? (
              <Typography.Text type="success">
                <CheckCircleOutlined /> Срочных дел нет
              </Typography.Text>
            ) : (
              <List
                dataSource={c.nextSteps}
                renderItem={(step) => (
                  <List.Item data-testid="next-step" data-key={step.key}>
                    <Link to={step.link}>
                      {step.severity === 'warning' ? (
                        <ExclamationCircleOutlined style={{ color: '#d48806', marginRight: 8 }} />
                      ) : (
                        <InfoCircleOutlined style={{ color: '#1f5fa8', marginRight: 8 }} />
                      )}
                      {step.text}
                    </Link>
                  </List.Item>
                )}
              />
            )}
          </Card>

          {c.territory.level !== 'schools' && (
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              {c.territory.level === 'all' && (
                <Col xs={12} md={6}>
                  <Card>
                    <Statistic title="Регионов" value={c.counts.regions} />
                  </Card>
                </Col>
              )}
              {(c.territory.level === 'all' || c.territory.level === 'region') && (
                <Col xs={12} md={6}>
                  <Card>
                    <Statistic title="Муниципалитетов" value={c.counts.municipalities} />
                  </Card>
                </Col>
              )}
              <Col xs={12} md={6}>
                <Card>
                  <Statistic title="Школ на территории" value={c.counts.schools} />
                </Card>
              </Col>
              <Col xs={12} md={6}>
                <Card>
                  <Statistic title={`Школ в проекте${c.cycle ? ` ${c.cycle.year}` : ''}`} value={c.counts.cycleSchools} />
                </Card>
              </Col>
            </Row>
          )}

          {c.cycle && (
            <Card style={{ marginBottom: 16 }} data-testid="cabinet-dashboard">
              <Dashboard />
            </Card>
          )}

          {c.curator && (
            <Card title="Куратор школы" style={{ marginBottom: 16 }}>
              <Descriptions column={1} size="small">
                <Descriptions.Item label="ФИО">{c.curator.fullName}</Descriptions.Item>
                {c.curator.email && <Descriptions.Item label="Эл. почта">{c.curator.email}</Descriptions.Item>}
                {c.curator.phone && <Descriptions.Item label="Телефон">{c.curator.phone}</Descriptions.Item>}
              </Descriptions>
            </Card>
          )}

          {c.user.role === 'curator' && (
            <Card title="Мои школы">
              <List
                dataSource={c.curatedSchools}
                locale={{ emptyText: 'Школы пока не назначены' }}
                renderItem={(s) => (
                  <List.Item>
                    <List.Item.Meta
                      title={<Link to={`/territories/schools/${s.id}`}>{s.shortName}</Link>}
                      description={`${s.municipality} · ${s.address}`}
                    />
                  </List.Item>
                )}
              />
            </Card>
          )}
        </div>
      )}
    </QueryState>
  );
}
