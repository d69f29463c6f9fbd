import { createContext, useContext, type ReactNode } from 'react';
import type { CountersignApi } from '../../../shared/contract/api.ts';

const ApiContext = createContext<CountersignApi | null>(null);

/** Gives the screens below it the contract API (window.countersign, or a test's fake). */
export function ApiProvider({ api, children }: { api: CountersignApi; children: ReactNode }) {
  return <ApiContext value={api}>{children}</ApiContext>;
}

/**
 * The contract API from the nearest {@link ApiProvider}.
 * @throws Error when used outside one (a programming error, not a runtime condition).
 */
export function useApi(): CountersignApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it.');
  return api;
}
