// /dashboard?regionId=…&municipalityId=…&schoolId=… — the drill-down of the cabinet's dashboard, shareable by URL.
import { Dashboard } from './Dashboard';

export function DashboardPage() {
  return (
    <div data-testid="dashboard-page">
      <Dashboard />
    </div>
  );
}
