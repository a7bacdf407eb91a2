// /results: «Результаты» — the dynamics of the territory and, for those who load results, the import.
import { Tabs, Typography } from 'antd';
import { useUser } from '../auth/session';
import { IMPORT_ROLES } from './api';
import { DynamicsPage } from './DynamicsPage';
import { ImportPage } from './ImportPage';

export function ResultsPage() {
  const user = useUser();
  const canImport = IMPORT_ROLES.includes(user.role);
  return (
    <div data-testid="results-page">
      <Typography.Title level={3}>Результаты и положительная динамика</Typography.Title>
      <Tabs
        items={[
          { key: 'dynamics', label: 'Динамика', children: <DynamicsPage /> },
          ...(canImport ? [{ key: 'import', label: 'Загрузка результатов', children: <ImportPage /> }] : []),
        ]}
      />
    </div>
  );
}
