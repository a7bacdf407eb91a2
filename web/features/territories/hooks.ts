// Small UI helpers of the territories pages.
import { useEffect, useState } from 'react';
import { roleMay, type Action } from '../../../domain/access/policy';
import { useUser } from '../auth/session';

/** The value, settled after the user stops typing. */
export function useDebounced<T>(value: T, ms = 350): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** May the signed-in user's role do this at all? Only hides buttons: the server decides. */
export function useMay(action: Action): boolean {
  return roleMay(useUser().role, action);
}
