// Breadcrumbs of the drill-down: регионы → регион → муниципалитет → школа.
import { Breadcrumb } from 'antd';
import { Link } from 'react-router-dom';

export interface CrumbPlace {
  region?: { id: number; name: string };
  municipality?: { id: number; name: string };
  school?: { id: number; name: string };
  /** Last crumb without a link (e.g. «Поиск школ»). */
  extra?: string;
}

export function Crumbs({ region, municipality, school, extra }: CrumbPlace) {
  const items = [
    { key: 'root', title: <Link to="/territories/regions">Регионы</Link> },
    ...(region ? [{ key: 'r', title: <Link to={`/territories/regions/${region.id}`}>{region.name}</Link> }] : []),
    ...(municipality
      ? [{ key: 'm', title: <Link to={`/territories/municipalities/${municipality.id}`}>{municipality.name}</Link> }]
      : []),
    ...(school ? [{ key: 's', title: school.name }] : []),
    ...(extra ? [{ key: 'x', title: extra }] : []),
  ];
  return <Breadcrumb items={items} style={{ marginBottom: 16 }} data-testid="breadcrumbs" />;
}
