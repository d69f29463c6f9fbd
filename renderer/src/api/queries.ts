import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventMessage, EventName } from '../../../shared/contract/channels.ts';
import type { ConnectionDraft } from '../../../shared/contract/schemas/connections.ts';
import type { Preferences } from '../../../shared/contract/schemas/app.ts';
import type { VerifyModelInput } from '../../../shared/contract/schemas/verification.ts';
import { useApi } from './api-context.tsx';
import { unwrap } from './client.ts';

/** Query keys, one place, so invalidation after a change cannot miss a screen. */
export const queryKeys = {
  appInfo: ['app', 'info'] as const,
  settings: ['settings'] as const,
  connections: ['connections'] as const,
  trust: ['trust'] as const,
};

/** Versions and runtime facts (`app:info`), for the About panel. */
export function useAppInfo(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.appInfo,
    queryFn: () => unwrap(api.app.info({})),
    enabled,
    staleTime: Infinity,
  });
}

/** Preferences and load problems (`settings:get`). */
export function useSettings() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => unwrap(api.settings.get({})) });
}

/** Changes preferences (`settings:update`); the returned state replaces the cached one. */
export function useUpdateSettings() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: Partial<Preferences>) => unwrap(api.settings.update(change)),
    onSuccess: (state) => client.setQueryData(queryKeys.settings, state),
  });
}

/** All connection profiles (`connections:list`); never holds a secret. */
export function useConnections() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.connections, queryFn: () => unwrap(api.connections.list({})) });
}

// --- Security: secrets in the renderer --------------------------------------------------
// TanStack's useMutation keeps its `variables` in the mutation cache, so a draft holding a
// password would outlive the dialog. Saving therefore goes through this hook, which keeps
// only whether a save is running and what error it ended with, never the draft.
/**
 * Saves a connection profile (`connections:save`). The draft (and its secret) is passed
 * straight to the API and not retained anywhere.
 */
export function useSaveConnection() {
  const api = useApi();
  const client = useQueryClient();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = useCallback(
    async (draft: ConnectionDraft) => {
      setPending(true);
      setError(null);
      try {
        const saved = await unwrap(api.connections.save(draft));
        await client.invalidateQueries({ queryKey: queryKeys.connections });
        return saved;
      } catch (caught) {
        setError(caught);
        return null;
      } finally {
        setPending(false);
      }
    },
    [api, client],
  );
  const clearError = useCallback(() => setError(null), []);
  return { save, pending, error, clearError };
}

/** Removes a profile and its stored secret (`connections:remove`). */
export function useRemoveConnection() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.connections.remove({ id })),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.connections }),
  });
}

/** Reaches a peer with its stored credentials (`connections:test`). */
export function useTestConnection() {
  const api = useApi();
  return useMutation({ mutationFn: (id: string) => unwrap(api.connections.test({ id })) });
}

/** Re-hashes a model folder and verifies its signature (`verification:verify-model`). */
export function useVerifyModel() {
  const api = useApi();
  return useMutation({ mutationFn: (input: VerifyModelInput) => unwrap(api.verification.verifyModel(input)) });
}

/** Asks main to stop a running verification (`verification:cancel`). */
export function useCancelVerification() {
  const api = useApi();
  return useMutation({ mutationFn: (jobId: string) => unwrap(api.verification.cancel({ jobId })) });
}

/**
 * Listens to a contract event while the calling component is mounted. The latest
 * `listener` is always the one called, without re-subscribing on every render.
 */
export function useContractEvent<E extends EventName>(event: E, listener: (message: EventMessage<E>) => void): void {
  const api = useApi();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => api.events.on(event, (message) => latest.current(message)), [api, event]);
}

/** Keeps cached lists fresh when main says they changed. */
export function useContractInvalidation(): void {
  const client = useQueryClient();
  useContractEvent('connections:changed', () => {
    void client.invalidateQueries({ queryKey: queryKeys.connections });
  });
}

/** Which Sigstore trusted root verification uses (`trust:status`). */
export function useTrustStatus() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.trust, queryFn: () => unwrap(api.trust.status({})) });
}

/** Refreshes the trusted root through TUF (`trust:refresh`); the answer replaces the status. */
export function useRefreshTrust() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.trust.refresh({})),
    onSuccess: (status) => client.setQueryData(queryKeys.trust, status),
  });
}
