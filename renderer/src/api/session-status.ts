import type { StreamState } from './preview-transport.ts';

/** Whether the preview session still holds, and how live updates are doing. */
export interface SessionSnapshot {
  expired: boolean;
  stream: StreamState;
}

/** A tiny external store (for `useSyncExternalStore`) that the preview transport reports into. */
export interface SessionStatus {
  get(): SessionSnapshot;
  subscribe(listener: () => void): () => void;
  expire(): void;
  setStream(state: StreamState): void;
}

export function createSessionStatus(): SessionStatus {
  let snapshot: SessionSnapshot = { expired: false, stream: 'idle' };
  const listeners = new Set<() => void>();
  const update = (next: SessionSnapshot) => {
    snapshot = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    get: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    expire: () => {
      if (!snapshot.expired) update({ ...snapshot, expired: true });
    },
    setStream: (stream) => {
      if (snapshot.stream !== stream) update({ ...snapshot, stream });
    },
  };
}
