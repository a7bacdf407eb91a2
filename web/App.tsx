import { Spin } from 'antd';
import { lazy, Suspense, type ComponentType } from 'react';
import { Route, Routes } from 'react-router-dom';
import { LoginPage } from './features/auth/LoginPage';
import { SessionProvider, useMe } from './features/auth/session';
import { QueryState } from './shared/states';

// Route-level code splitting: the first download holds only what the login page needs (React, the router, the
// antd parts of the form, the session query). Every page, the signed-in layout and the respondent pages (with
// SurveyJS and its stylesheet) are chunks of their own, fetched when first shown.
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const RespondPages = page(() => import('./features/surveys/RespondPage'), 'RespondPages');
const Layout = lazy(async () => ({ default: (await import('./shared/Layout')).Layout }));
const ChangePasswordPage = lazy(async () => ({ default: (await import('./features/auth/ChangePasswordPage')).ChangePasswordPage }));
const AuditPage = page(() => import('./features/audit/AuditPage'), 'AuditPage');
const CabinetPage = page(() => import('./features/cabinet/CabinetPage'), 'CabinetPage');
const CyclesPage = page(() => import('./features/cycles/CyclesPage'), 'CyclesPage');
const DashboardPage = page(() => import('./features/dashboard/DashboardPage'), 'DashboardPage');
const DocumentsPage = page(() => import('./features/documents/DocumentsPage'), 'DocumentsPage');
const ExpertisePage = page(() => import('./features/expertise/ExpertisePage'), 'ExpertisePage');
const MonitoringPage = page(() => import('./features/monitoring/MonitoringPage'), 'MonitoringPage');
const StageReportsPage = page(() => import('./features/monitoring/StageReportsPage'), 'StageReportsPage');
const RoadmapsPage = page(() => import('./features/roadmaps/RoadmapsPage'), 'RoadmapsPage');
const VisitsPage = page(() => import('./features/visits/VisitsPage'), 'VisitsPage');
const TerritoriesPage = page(() => import('./features/territories/TerritoriesPage'), 'TerritoriesPage');
const UsersPage = page(() => import('./features/users/UsersPage'), 'UsersPage');
const SurveysPage = page(() => import('./features/surveys/SurveysPage'), 'SurveysPage');
const RiskProfilesPage = page(() => import('./features/risk-profiles/RiskProfilesPage'), 'RiskProfilesPage');
const ResultsPage = page(() => import('./features/results/ResultsPage'), 'ResultsPage');
const CalendarPage = page(() => import('./features/notifications/CalendarPage'), 'CalendarPage');
const NotificationsPage = page(() => import('./features/notifications/NotificationsPage'), 'NotificationsPage');

/** Shown while a page's chunk loads. */
function Loading() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }} data-testid="page-loading">
      <Spin size="large" />
    </div>
  );
}

export function App() {
  // Respondents answer questionnaires without an account: these pages come before the login check.
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/s/*" element={<RespondPages />} />
        <Route path="*" element={<SignedInApp />} />
      </Routes>
    </Suspense>
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
                {/* inside the layout: the menu and header stay while the next page loads */}
                <Suspense fallback={<Loading />}>
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
                </Suspense>
              </Layout>
            )}
          </SessionProvider>
        )
      }
    </QueryState>
  );
}
