import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { isSectionId, type SectionId } from './sections.ts';

/**
 * Where the app is: a section and the path segments after it (`#/models/fraud-scorer/14`
 * is `{ section: 'models', rest: ['fraud-scorer', '14'] }`), or a hash that names nothing.
 */
export type Route = { section: SectionId; rest: string[] } | { section: 'not-found'; hash: string };

const DEFAULT_SECTION: SectionId = 'inbox';

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Reads a `location.hash` as a route; an empty hash is the inbox. */
export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const path = body.split(/[?#]/, 1)[0] ?? '';
  if (path === '') return { section: DEFAULT_SECTION, rest: [] };
  const segments = path.split('/').filter((s) => s !== '');
  const decoded = segments.map(decode);
  const [head, ...rest] = decoded;
  if (head === undefined || head === null || !isSectionId(head) || rest.some((s) => s === null)) {
    return { section: 'not-found', hash };
  }
  return { section: head, rest: rest as string[] };
}

/** The hash for a section and optional path segments; segments are URI-encoded. */
export function formatHash(section: SectionId, rest: readonly string[] = []): string {
  return `#/${[section, ...rest].map(encodeURIComponent).join('/')}`;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current route, following `hashchange`, and a function to go somewhere else. */
export function useHashRoute(): { route: Route; navigate: (section: SectionId, rest?: readonly string[]) => void } {
  const hash = useSyncExternalStore(
    subscribe,
    () => window.location.hash,
    () => '',
  );
  const route = useMemo(() => parseHash(hash), [hash]);
  const navigate = useCallback((section: SectionId, rest: readonly string[] = []) => {
    window.location.hash = formatHash(section, rest);
  }, []);
  return { route, navigate };
}
