// Every settings shape Countersign has ever written, and the steps from each to the next.
// A file is carried forward one version at a time, each step checked by the schema of the
// version it reads, so a step only ever sees the shape it was written for.
import { z } from 'zod';
import { ConnectionKind } from '../../../shared/contract/schemas/connections.ts';
import { ThemePreference } from '../../../shared/contract/schemas/app.ts';
import { CURRENT_SCHEMA_VERSION, SettingsDocument } from './settings-document.ts';

/**
 * Version 1 (Countersign 0.0.x): the theme at the top level, and connections that said how
 * they authenticate only by carrying a `username` (basic auth) or `useToken: true` (bearer).
 */
const SettingsV1 = z.object({
  schemaVersion: z.literal(1).optional(),
  theme: ThemePreference.default('system'),
  connections: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        name: z.string().trim().min(1).max(80),
        kind: ConnectionKind,
        url: z.string().trim().min(1).max(2048),
        username: z.string().min(1).max(256).optional(),
        useToken: z.boolean().optional(),
        createdAt: z.string().optional(),
        updatedAt: z.string().optional(),
      }),
    )
    .max(500)
    .default([]),
});

function v1ToV2(raw: unknown, nowIso: string): unknown {
  const v1 = SettingsV1.parse(raw);
  return {
    schemaVersion: 2,
    preferences: { theme: v1.theme },
    connections: v1.connections.map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      url: c.url,
      auth:
        c.username !== undefined
          ? { type: 'basic', username: c.username }
          : c.useToken === true
            ? { type: 'bearer' }
            : { type: 'none' },
      createdAt: c.createdAt ?? nowIso,
      updatedAt: c.updatedAt ?? c.createdAt ?? nowIso,
    })),
  };
}

/** Step N turns a version-N document into a version-(N+1) one. */
const STEPS: Readonly<Record<number, (raw: unknown, nowIso: string) => unknown>> = {
  1: v1ToV2,
};

export type MigrationOutcome =
  | { ok: true; document: SettingsDocument; fromVersion: number }
  | { ok: false; reason: string };

/** The version a raw document says it is. Files from before `schemaVersion` existed are version 1. */
export function versionOf(raw: Record<string, unknown>): number | null {
  const v = raw['schemaVersion'];
  if (v === undefined) return 1;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : null;
}

/**
 * Brings a parsed settings object to the current version. Never throws: a document it
 * cannot read (unknown version, a newer version, a shape its version's schema rejects) is
 * an `{ ok: false }` with a reason that names no value from the file.
 */
export function migrateSettings(raw: Record<string, unknown>, now: Date): MigrationOutcome {
  const fromVersion = versionOf(raw);
  if (fromVersion === null) return { ok: false, reason: 'its schemaVersion is not a positive whole number' };
  if (fromVersion > CURRENT_SCHEMA_VERSION) {
    return { ok: false, reason: `it was written by a newer Countersign (settings version ${fromVersion})` };
  }
  let current: unknown = raw;
  try {
    for (let v = fromVersion; v < CURRENT_SCHEMA_VERSION; v++) {
      const step = STEPS[v];
      if (step === undefined) return { ok: false, reason: `there is no migration from settings version ${v}` };
      current = step(current, now.toISOString());
    }
  } catch (error) {
    return { ok: false, reason: `it does not match settings version ${fromVersion}: ${describeZod(error)}` };
  }
  const parsed = SettingsDocument.safeParse(current);
  if (!parsed.success) {
    return { ok: false, reason: `it does not match settings version ${CURRENT_SCHEMA_VERSION}: ${describeZod(parsed.error)}` };
  }
  return { ok: true, document: parsed.data, fromVersion };
}

// Only the paths of the failing fields: the values may be anything a hand edit put there.
function describeZod(error: unknown): string {
  if (error instanceof z.ZodError) {
    const paths = error.issues.slice(0, 5).map((i) => (i.path.length > 0 ? i.path.map(String).join('.') : '(root)'));
    return `problem at ${paths.join(', ')}`;
  }
  return 'unreadable';
}
