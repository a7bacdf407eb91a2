// Rows of the authorization matrix: who may call each route on a target inside their territory,
// and how to build a target outside it. Expectations are written out by hand, not derived from the policy.
import type { Fixtures } from './fixtures.js';

export type Who = 'admin' | 'fed' | 'expert' | 'region57' | 'observer57' | 'mo-kromy' | 'curator1' | 'school1';

export interface Req {
  method: string;
  url: string;
  body?: unknown;
}

export interface Case {
  route: string;
  allowed: Who[];
  inScope: (f: Fixtures, who: Who) => Req | Promise<Req>;
  outOfScope?: (f: Fixtures, who: Who) => Req | Promise<Req>;
  /** Success codes for allowed roles (default 200/201/204). */
  ok?: number[];
  /** Log in afresh for this route (it ends or changes the session). */
  ownSession?: boolean;
}

const EVERYONE: Who[] = ['admin', 'fed', 'expert', 'region57', 'observer57', 'mo-kromy', 'curator1', 'school1'];

const get = (url: string): Req => ({ method: 'GET', url });

export const CASES: Case[] = [
  // auth and cabinet: every signed-in user, about themselves only
  { route: 'GET /api/health', allowed: EVERYONE, inScope: () => get('/api/health') },
  { route: 'POST /api/auth/login', allowed: EVERYONE, ok: [401], inScope: () => ({ method: 'POST', url: '/api/auth/login', body: { login: 'x', password: 'wrong' } }) },
  { route: 'GET /api/auth/me', allowed: EVERYONE, inScope: () => get('/api/auth/me') },
  { route: 'POST /api/auth/logout', allowed: EVERYONE, ownSession: true, inScope: () => ({ method: 'POST', url: '/api/auth/logout' }) },
  {
    route: 'POST /api/auth/password',
    allowed: EVERYONE,
    ok: [400], // reaches the password check, which refuses the wrong current password
    inScope: () => ({ method: 'POST', url: '/api/auth/password', body: { currentPassword: 'wrong', newPassword: 'NewPass123' } }),
  },
  { route: 'GET /api/cabinet', allowed: EVERYONE, inScope: () => get('/api/cabinet') },
];
