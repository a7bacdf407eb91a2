// Turns a policy Scope into an SQL condition over a table's territory columns.
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Scope } from '../../domain/access/policy.js';

export interface TerritoryColumns {
  regionId: PgColumn;
  municipalityId?: PgColumn;
  schoolId?: PgColumn;
}

/** Rows whose territory lies inside the scope. Columns a table lacks mean "not inside" for finer scopes. */
export function withinScope(scope: Scope, cols: TerritoryColumns): SQL {
  switch (scope.level) {
    case 'all':
      return sql`true`;
    case 'none':
      return sql`false`;
    case 'region':
      return eq(cols.regionId, scope.regionId);
    case 'municipality':
      return cols.municipalityId ? eq(cols.municipalityId, scope.municipalityId) : sql`false`;
    case 'schools': {
      const ids = scope.schools.map((s) => s.schoolId).filter((id): id is number => id != null);
      return cols.schoolId && ids.length ? inArray(cols.schoolId, ids) : sql`false`;
    }
  }
}
