// Roles of MEDK users and how each is bound to a territory.

export const ROLES = [
  'admin',
  'federal_coordinator',
  'regional_coordinator',
  'municipal_coordinator',
  'curator',
  'school',
  'expert',
  'observer',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Администратор',
  federal_coordinator: 'Федеральный координатор',
  regional_coordinator: 'Региональный координатор',
  municipal_coordinator: 'Муниципальный координатор',
  curator: 'Куратор',
  school: 'Школа (ОО)',
  expert: 'Эксперт',
  observer: 'Наблюдатель',
};

/** Which territory level an account of this role must be bound to. */
export type Binding = 'none' | 'region' | 'municipality' | 'school' | 'any';

export const ROLE_BINDING: Record<Role, Binding> = {
  admin: 'none',
  federal_coordinator: 'none',
  regional_coordinator: 'region',
  municipal_coordinator: 'municipality',
  // A curator lives in a region; the schools they see come from assignments.
  curator: 'region',
  school: 'school',
  expert: 'any',
  observer: 'any',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The level of the programme a role owns: its roadmaps, stage reports and figures. */
export type ProgrammeLevel = 'federal' | 'regional' | 'municipal' | 'school';

export const ROLE_LEVEL: Partial<Record<Role, ProgrammeLevel>> = {
  federal_coordinator: 'federal',
  regional_coordinator: 'regional',
  municipal_coordinator: 'municipal',
  school: 'school',
};

/** The administrator acts for any level (support, fixes); every such act is audited. */
export const isAdmin = (role: Role): boolean => role === 'admin';
/** A curator's schools come from assignments, not from the account's territory. */
export const isCurator = (role: Role): boolean => role === 'curator';
