import { Route, Routes } from 'react-router-dom';
import { AuditPage } from './features/audit/AuditPage';
import { ChangePasswordPage } from './features/auth/ChangePasswordPage';
import { LoginPage } from './features/auth/LoginPage';
import { MonitoringPage } from './features/monitoring/MonitoringPage';
import { StageReportsPage } from './features/monitoring/StageReportsPage';
import { RoadmapsPage } from './features/roadmaps/RoadmapsPage';
import { SessionProvider, useMe } from './features/auth/session';
import { CabinetPage } from './features/cabinet/CabinetPage';
import { CyclesPage } from './features/cycles/CyclesPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { DocumentsPage } from './features/documents/DocumentsPage';
import { ExpertisePage } from './features/expertise/ExpertisePage';
import { VisitsPage } from './features/visits/VisitsPage';
import { TerritoriesPage } from './features/territories/TerritoriesPage';
import { UsersPage } from './features/users/UsersPage';
import { RespondPages } from './features/surveys/RespondPage';
import { SurveysPage } from './features/surveys/SurveysPage';
import { RiskProfilesPage } from './features/risk-profiles/RiskProfilesPage';
import { ResultsPage } from './features/results/ResultsPage';
import { CalendarPage } from './features/notifications/CalendarPage';
import { NotificationsPage } from './features/notifications/NotificationsPage';
import { Layout } from './shared/Layout';
import { QueryState } from './shared/states';

export function App() {
  // Respondents answer questionnaires without an account: these pages come before the login check.
  return (
    <Routes>
      <Route path="/s/*" element={<RespondPages />} />
      <Route path="*" element={<SignedInApp />} />
    </Routes>
  );
}

function SignedInApp() {
  const me = useMe();
  return (
    <QueryState query={me}>
      {(user) =>
        !user ? (
          <LoginPage />
        ) : (
          <SessionProvider user={user}>
            {user.mustChangePassword ? (
              <ChangePasswordPage forced />
            ) : (
              <Layout>
                <Routes>
                  <Route path="/" element={<CabinetPage />} />
                  <Route path="/dashboard" element={<DashboardPage />} />
                  <Route path="/territories/*" element={<TerritoriesPage />} />
                  <Route path="/cycles/*" element={<CyclesPage />} />
                  <Route path="/roadmaps/*" element={<RoadmapsPage />} />
                  <Route path="/monitoring/reports" element={<StageReportsPage />} />
                  <Route path="/monitoring/*" element={<MonitoringPage />} />
                  <Route path="/surveys/*" element={<SurveysPage />} />
                  <Route path="/risk-profiles/*" element={<RiskProfilesPage />} />
                  <Route path="/documents/*" element={<DocumentsPage />} />
                  <Route path="/visits/*" element={<VisitsPage />} />
                  <Route path="/expertise/*" element={<ExpertisePage />} />
                  <Route path="/results" element={<ResultsPage />} />
                  <Route path="/users/*" element={<UsersPage />} />
                  <Route path="/audit" element={<AuditPage />} />
                  <Route path="/notifications/*" element={<NotificationsPage />} />
                  <Route path="/calendar" element={<CalendarPage />} />
                  <Route path="/password" element={<ChangePasswordPage />} />
                  <Route path="*" element={<CabinetPage />} />
                </Routes>
              </Layout>
            )}
          </SessionProvider>
        )
      }
    </QueryState>
  );
}
