// Accounts: territory binding of a new account and login generation. Pure functions over plain data;
// the server looks the territories up and passes what it found.
import { loginSlug } from '../access/passwords.js';
import type { Place } from '../access/policy.js';
import { ROLE_BINDING, type Role } from '../access/roles.js';
import type { FieldIssue } from '../errors.js';

/** Territory columns of an account (users.region_id / municipality_id / school_id). */
export interface Binding {
  regionId: number | null;
  municipalityId: number | null;
  schoolId: number | null;
}

/** What the client asked for. */
export interface BindingRequest {
  regionId?: number | null;
  municipalityId?: number | null;
  schoolId?: number | null;
}

/** Territories the server found for the requested ids (absent or null: no such record). */
export interface FoundTerritories {
  region?: { id: number } | null;
  municipality?: { id: number; regionId: number } | null;
  school?: { id: number; regionId: number; municipalityId: number } | null;
}

/** One message for "no such territory" and "outside your territory", so nothing leaks. */
export const TERRITORY_UNAVAILABLE = 'Территория не найдена или вне вашей зоны ответственности';

export type BindingResult = { ok: true; binding: Binding } | { ok: false; issues: FieldIssue[] };

const NO_BINDING: Binding = { regionId: null, municipalityId: null, schoolId: null };

/**
 * The binding an account of this role gets (ROLE_BINDING): region and municipality are derived from the school
 * or municipality, and ids the client also sent must agree with them. Finer ids than the role needs are ignored.
 */
export function resolveBinding(role: Role, request: BindingRequest, found: FoundTerritories): BindingResult {
  const kind = ROLE_BINDING[role];
  if (kind === 'none') return { ok: true, binding: NO_BINDING };
  if (kind === 'school' || (kind === 'any' && request.schoolId != null)) return bySchool(request, found);
  if (kind === 'municipality' || (kind === 'any' && request.municipalityId != null)) return byMunicipality(request, found);
  if (kind === 'region' || (kind === 'any' && request.regionId != null)) return byRegion(request, found);
  return { ok: true, binding: NO_BINDING };
}

function bySchool(request: BindingRequest, found: FoundTerritories): BindingResult {
  if (request.schoolId == null) return fail('schoolId', 'Выберите школу');
  const school = found.school;
  if (!school || school.id !== request.schoolId) return fail('schoolId', TERRITORY_UNAVAILABLE);
  const issues: FieldIssue[] = [];
  if (request.municipalityId != null && request.municipalityId !== school.municipalityId) {
    issues.push({ path: 'municipalityId', message: 'Школа относится к другому муниципалитету' });
  }
  if (request.regionId != null && request.regionId !== school.regionId) {
    issues.push({ path: 'regionId', message: 'Школа относится к другому региону' });
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, binding: { regionId: school.regionId, municipalityId: school.municipalityId, schoolId: school.id } };
}

function byMunicipality(request: BindingRequest, found: FoundTerritories): BindingResult {
  if (request.municipalityId == null) return fail('municipalityId', 'Выберите муниципалитет');
  const municipality = found.municipality;
  if (!municipality || municipality.id !== request.municipalityId) return fail('municipalityId', TERRITORY_UNAVAILABLE);
  if (request.regionId != null && request.regionId !== municipality.regionId) {
    return fail('regionId', 'Муниципалитет относится к другому региону');
  }
  return { ok: true, binding: { regionId: municipality.regionId, municipalityId: municipality.id, schoolId: null } };
}

function byRegion(request: BindingRequest, found: FoundTerritories): BindingResult {
  if (request.regionId == null) return fail('regionId', 'Выберите регион');
  const region = found.region;
  if (!region || region.id !== request.regionId) return fail('regionId', TERRITORY_UNAVAILABLE);
  return { ok: true, binding: { regionId: region.id, municipalityId: null, schoolId: null } };
}

function fail(path: string, message: string): BindingResult {
  return { ok: false, issues: [{ path, message }] };
}

/** The place of an account for the policy (null: not bound, i.e. federal level). */
export function placeOfBinding(binding: Binding): Place | null {
  return binding.regionId === null
    ? null
    : { regionId: binding.regionId, municipalityId: binding.municipalityId, schoolId: binding.schoolId };
}

/** The most specific field of a binding — where a territory problem is reported. */
export function bindingField(role: Role, request: BindingRequest): 'regionId' | 'municipalityId' | 'schoolId' {
  const kind = ROLE_BINDING[role];
  if (kind === 'school' || (kind === 'any' && request.schoolId != null)) return 'schoolId';
  if (kind === 'municipality' || (kind === 'any' && request.municipalityId != null)) return 'municipalityId';
  return 'regionId';
}

// ——— Logins ———

export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._@-]{2,59}$/i;
export const LOGIN_RULE = 'Логин: от 3 до 60 символов — латинские буквы, цифры, точка, дефис, подчёркивание, @';

const LOGIN_PREFIX: Record<Role, string> = {
  admin: 'admin',
  federal_coordinator: 'fed',
  regional_coordinator: 'region',
  municipal_coordinator: 'mo',
  curator: 'curator',
  school: 'school',
  expert: 'expert',
  observer: 'observer',
};

/**
 * A login suggestion: «school-<код школы>» for school accounts, otherwise role prefix + surname and initials
 * («Иванова Мария Петровна», curator → "curator-ivanova-mp") or the transliterated name.
 */
export function baseLogin(role: Role, fullName: string, schoolCode?: string | null): string {
  const prefix = LOGIN_PREFIX[role];
  if (role === 'school' && schoolCode) {
    const code = loginSlug(schoolCode);
    if (code) return `${prefix}-${code}`;
  }
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  const looksLikePerson =
    words.length >= 2 && words.length <= 3 && words.every((w) => /^\p{Lu}[\p{L}-]*\.?$/u.test(w));
  const part = looksLikePerson
    ? [loginSlug(words[0] ?? ''), words.slice(1).map((w) => loginSlug(w).charAt(0)).join('')].filter(Boolean).join('-')
    : loginSlug(fullName).slice(0, 30).replace(/-+$/, '');
  return part ? `${prefix}-${part}`.slice(0, 60) : prefix;
}

/** The base login, or base-2, base-3… — the first one not in `taken` (compared case-insensitively). */
export function uniqueLogin(base: string, taken: ReadonlySet<string>): string {
  const lower = base.toLowerCase();
  if (!taken.has(lower)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
