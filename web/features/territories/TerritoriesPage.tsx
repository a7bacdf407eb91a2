// /territories/*: drill-down регион → муниципалитет → школы, school cards, import and export.
import { Navigate, Route, Routes } from 'react-router-dom';
import { useUser } from '../auth/session';
import { RegionPage, RegionsPage } from './RegionsPage';
import { SchoolPage } from './SchoolPage';
import { MunicipalityPage, SchoolsSearchPage } from './SchoolsPages';

/** Where /territories opens: a school sees its own card, coordinators their own territory. */
function Landing() {
  const user = useUser();
  if (user.role === 'school' && user.schoolId !== null) return <SchoolPage id={user.schoolId} />;
  if (user.role !== 'curator' && user.municipalityId !== null) {
    return <Navigate to={`/territories/municipalities/${user.municipalityId}`} replace />;
  }
  if (user.regionId !== null) return <Navigate to={`/territories/regions/${user.regionId}`} replace />;
  return <RegionsPage />;
}

export function TerritoriesPage() {
  return (
    <Routes>
      <Route index element={<Landing />} />
      <Route path="regions" element={<RegionsPage />} />
      <Route path="regions/:regionId" element={<RegionPage />} />
      <Route path="municipalities/:municipalityId" element={<MunicipalityPage />} />
      <Route path="schools" element={<SchoolsSearchPage />} />
      <Route path="schools/:schoolId" element={<SchoolPage />} />
      <Route path="*" element={<Navigate to="/territories" replace />} />
    </Routes>
  );
}
