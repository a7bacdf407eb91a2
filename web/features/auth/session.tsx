// The signed-in user for the whole UI; reads /api/auth/me once and keeps the CSRF token.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { Action } from '../../../domain/access/permissions';
import { api, ApiError, setCsrfToken, setUnauthorizedHandler } from '../../shared/api';
import { call, client, type Answer } from '../../shared/client';

/** The signed-in user, with the actions of the permission table their role may perform. */
export type CurrentUser = Answer<'/api/auth/me', 'get'>['user'];

type MeResponse = Answer<'/api/auth/me', 'get'>;

const SessionContext = createContext<CurrentUser | null>(null);

export const ME_KEY = ['auth', 'me'];

export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        const me = await call(client.GET('/api/auth/me'));
        setCsrfToken(me.csrfToken);
        return me.user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

export function SessionProvider({ user, children }: { user: CurrentUser; children: ReactNode }) {
  const client = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => client.setQueryData(ME_KEY, null));
  }, [client]);
  return <SessionContext.Provider value={user}>{children}</SessionContext.Provider>;
}

export function useUser(): CurrentUser {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useUser outside SessionProvider');
  return user;
}

/** May the signed-in user perform the action (the server's permission table decides; the UI only hides)? */
export function useMay(): (action: Action) => boolean {
  const user = useUser();
  return (action) => user.permissions.includes(action);
}

export async function logout(client: ReturnType<typeof useQueryClient>) {
  try {
    await api.post('/api/auth/logout');
  } finally {
    client.setQueryData(ME_KEY, null);
    // drop everything else the previous user had loaded
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  }
}

export async function afterLogin(client: ReturnType<typeof useQueryClient>, me: MeResponse) {
  setCsrfToken(me.csrfToken);
  client.setQueryData(ME_KEY, me.user);
}
