import { z } from 'zod';

/**
 * Kinds of peer a connection profile can point at. `sigstore` is a private Sigstore
 * deployment: its `url` is the absolute path of the deployment's trusted_root.json, and it
 * never authenticates (the file is local).
 */
export const ConnectionKind = z.enum(['workspace', 'mlflow', 'prometheus', 'alertmanager', 'sigstore']);
export type ConnectionKind = z.infer<typeof ConnectionKind>;

/** How a connection authenticates. The secret itself lives only in the OS keychain. */
export const ConnectionAuth = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('basic'), username: z.string().min(1).max(256) }),
  z.object({ type: z.literal('bearer') }),
]);
export type ConnectionAuth = z.infer<typeof ConnectionAuth>;

const Name = z.string().trim().min(1, 'A name is required').max(80);
/**
 * http(s) URL for server peers; an absolute folder path for the workspace registry; an
 * absolute file path (trusted_root.json) for a private Sigstore deployment.
 */
const Location = z.string().trim().min(1, 'A URL or path is required').max(2048);

/** A connection profile as the renderer sees it: never the secret, only whether one is stored. */
export const Connection = z.object({
  id: z.string().min(1).max(64),
  name: Name,
  kind: ConnectionKind,
  url: Location,
  auth: ConnectionAuth,
  hasSecret: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Connection = z.infer<typeof Connection>;

/**
 * Input to `connections:save`. `secret`: a string stores or replaces it in the keychain,
 * `null` removes it, absent keeps what is stored, but only while the origin, kind, auth type
 * and username stay the same (a stored secret is never sent anywhere it was not saved for).
 */
export const ConnectionDraft = z.object({
  id: z.string().min(1).max(64).optional(),
  name: Name,
  kind: ConnectionKind,
  url: Location,
  auth: ConnectionAuth,
  secret: z.string().min(1).max(8192).nullable().optional(),
});
export type ConnectionDraft = z.infer<typeof ConnectionDraft>;

/** What `connections:test` found. A failure to reach or authenticate is an error, not a result. */
export const ConnectionTestResult = z.object({
  ok: z.literal(true),
  detail: z.string(),
  latencyMs: z.number().nonnegative(),
  serverVersion: z.string().nullable(),
});
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;
