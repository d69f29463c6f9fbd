import type { Connection, ConnectionDraft, ConnectionKind } from '../../../../shared/contract/schemas/connections.ts';
import { secretProblem } from '../../../../shared/connections/secret-rules.ts';
import { isAbsolutePath } from '../../lib/absolute-path.ts';

export type AuthType = 'none' | 'basic' | 'bearer';

/**
 * What the Add/Edit connection dialog holds while it is open. `secret` is the only place
 * a password or token ever sits in the renderer, and only until the dialog saves or closes.
 */
export interface ConnectionFormValues {
  id: string | null;
  name: string;
  kind: ConnectionKind;
  url: string;
  authType: AuthType;
  username: string;
  secret: string;
  /** Delete the secret stored in the keychain (editing only). */
  removeSecret: boolean;
}

/** What the form knows about the profile being edited and its neighbours. */
export interface ConnectionFormContext {
  /** The profile being edited has a secret in the keychain. */
  hasStoredSecret: boolean;
  /** The auth type the stored secret was saved for: a token is not a password. */
  storedAuthType: AuthType | null;
  /** Where the stored secret is sent (kind, URL, username): see {@link secretChange}. */
  storedKind: ConnectionKind | null;
  storedUrl: string;
  storedUsername: string;
  /** Names of the other profiles, for the uniqueness check. */
  otherNames: readonly string[];
}

export type ConnectionField = 'name' | 'url' | 'username' | 'secret';
export type ConnectionFormErrors = Partial<Record<ConnectionField, string>>;

/** The kinds in the order the form offers them, with the words it shows. */
export const KIND_OPTIONS: readonly { kind: ConnectionKind; label: string }[] = [
  { kind: 'mlflow', label: 'MLflow' },
  { kind: 'workspace', label: 'Workspace folder' },
  { kind: 'prometheus', label: 'Prometheus' },
  { kind: 'alertmanager', label: 'Alertmanager' },
  { kind: 'sigstore', label: 'Private Sigstore (trusted root file)' },
];

export function kindLabel(kind: ConnectionKind): string {
  return KIND_OPTIONS.find((o) => o.kind === kind)?.label ?? kind;
}

export const AUTH_LABELS: Record<AuthType, string> = {
  none: 'None',
  basic: 'Username and password',
  bearer: 'Bearer token',
};

/** A workspace's location is a folder on this computer. */
export function usesFolder(kind: ConnectionKind): boolean {
  return kind === 'workspace';
}

/**
 * A workspace folder and a private Sigstore trusted root are local paths with no
 * credentials; every other kind is reached over HTTP and may sign in.
 */
export function usesLocalPath(kind: ConnectionKind): boolean {
  return kind === 'workspace' || kind === 'sigstore';
}

/** The label and helper text of the location field for a kind. */
export function locationField(kind: ConnectionKind): { label: string; helper: string } {
  switch (kind) {
    case 'workspace':
      return { label: 'Folder', helper: 'The full path of the workspace registry folder.' };
    case 'sigstore':
      return {
        label: 'Trusted root file',
        helper:
          "The full path of your Sigstore deployment's trusted_root.json. Keyless verification can then trust it instead of the public-good root.",
      };
    default:
      return { label: 'URL', helper: 'For example https://mlflow.example.com' };
  }
}

export function emptyConnectionForm(): ConnectionFormValues {
  return {
    id: null,
    name: '',
    kind: 'mlflow',
    url: '',
    authType: 'none',
    username: '',
    secret: '',
    removeSecret: false,
  };
}

/** The form for editing a profile. The secret field starts empty: it is write-only. */
export function connectionFormFrom(connection: Connection): ConnectionFormValues {
  return {
    id: connection.id,
    name: connection.name,
    kind: connection.kind,
    url: connection.url,
    authType: connection.auth.type,
    username: connection.auth.type === 'basic' ? connection.auth.username : '',
    secret: '',
    removeSecret: false,
  };
}

export function connectionFormContext(
  connection: Connection | null,
  all: readonly Connection[],
): ConnectionFormContext {
  return {
    hasStoredSecret: connection?.hasSecret ?? false,
    storedAuthType: connection ? connection.auth.type : null,
    storedKind: connection ? connection.kind : null,
    storedUrl: connection?.url ?? '',
    storedUsername: connection?.auth.type === 'basic' ? connection.auth.username : '',
    otherNames: all.filter((c) => c.id !== connection?.id).map((c) => c.name),
  };
}

function effectiveAuth(values: ConnectionFormValues): AuthType {
  return usesLocalPath(values.kind) ? 'none' : values.authType;
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** What changed since the stored secret was saved, in the order the user reads the form. */
export type SecretChange = 'kind' | 'address' | 'auth' | 'username';

/**
 * Why the stored secret cannot be kept for these values, or null when it can (or there
 * is none). Mirrors the main process, which refuses to keep a secret when the kind, the
 * origin (scheme, host, port), the sign-in method or the username changes, so that a
 * password is never sent somewhere, or in some way, it was not saved for.
 */
export function secretChange(values: ConnectionFormValues, ctx: ConnectionFormContext): SecretChange | null {
  if (!ctx.hasStoredSecret || ctx.storedAuthType === null) return null;
  const auth = effectiveAuth(values);
  if (values.kind !== ctx.storedKind) return 'kind';
  const origin = originOf(ctx.storedUrl);
  if (origin === null || origin !== originOf(values.url)) return 'address';
  if (auth !== ctx.storedAuthType) return 'auth';
  if (auth === 'basic' && values.username.trim() !== ctx.storedUsername) return 'username';
  return null;
}

/** True when the stored secret can be kept as it is: same peer and sign-in, not being removed. */
function keepsStoredSecret(values: ConnectionFormValues, ctx: ConnectionFormContext): boolean {
  return ctx.hasStoredSecret && !values.removeSecret && secretChange(values, ctx) === null;
}

/** Whether the user must type a secret before saving. */
export function secretRequired(values: ConnectionFormValues, ctx: ConnectionFormContext): boolean {
  const auth = effectiveAuth(values);
  if (auth === 'none' || values.removeSecret) return false;
  return !keepsStoredSecret(values, ctx);
}

/**
 * Why the secret field has to be filled in again, for its helper text; null when it
 * does not (no stored secret, nothing changed, or no authentication any more).
 */
export function secretReentryReason(values: ConnectionFormValues, ctx: ConnectionFormContext): string | null {
  const auth = effectiveAuth(values);
  if (auth === 'none' || values.removeSecret) return null;
  const change = secretChange(values, ctx);
  if (change === null) return null;
  const what = auth === 'basic' ? 'password' : 'token';
  const stored = ctx.storedAuthType === 'basic' ? 'password' : 'token';
  switch (change) {
    case 'kind':
      return `The kind of server changed, so enter the ${what} again: a stored ${stored} is only sent to the server it was saved for.`;
    case 'address':
      return `The address points at a different server, so enter the ${what} again: a stored ${stored} is only sent to the server it was saved for.`;
    case 'auth':
      return `The sign-in method changed, so enter the ${what}: the stored ${stored} is not reused as a ${what}.`;
    case 'username':
      return `The username changed, so enter the password for it: the stored password belongs to the old username.`;
  }
}

function validateLocation(values: ConnectionFormValues): string | undefined {
  const url = values.url.trim();
  if (url === '') {
    if (usesFolder(values.kind)) return 'Enter the folder of the workspace registry.';
    return values.kind === 'sigstore'
      ? "Enter the path of the deployment's trusted_root.json."
      : "Enter the server's address.";
  }
  if (url.length > 2048) return 'This is too long (at most 2048 characters).';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(url)) return 'This contains characters that cannot be part of an address or path.';
  if (usesFolder(values.kind)) {
    return isAbsolutePath(url)
      ? undefined
      : 'Enter the full path of the folder, starting with / (or a drive such as C:\\).';
  }
  if (values.kind === 'sigstore') {
    return isAbsolutePath(url)
      ? undefined
      : 'Enter the full path of the trusted_root.json file, starting with / (or a drive such as C:\\).';
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Enter a web address starting with http:// or https://, such as https://mlflow.example.com.';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return 'Enter a web address starting with http:// or https://.';
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return 'Do not put credentials in the address: choose an authentication method below instead.';
  }
  return undefined;
}

/** Checks the form; an empty object means it can be saved. Messages are for the user. */
export function validateConnectionForm(values: ConnectionFormValues, ctx: ConnectionFormContext): ConnectionFormErrors {
  const errors: ConnectionFormErrors = {};
  const name = values.name.trim();
  if (name === '') errors.name = 'Give the connection a name.';
  else if (name.length > 80) errors.name = 'Keep the name to 80 characters or fewer.';
  else if (ctx.otherNames.some((n) => n.trim().toLowerCase() === name.toLowerCase())) {
    errors.name = 'Another connection already has this name.';
  }
  const location = validateLocation(values);
  if (location) errors.url = location;

  const auth = effectiveAuth(values);
  if (auth === 'basic') {
    const username = values.username.trim();
    if (username === '') errors.username = 'Enter the username.';
    else if (username.length > 256) errors.username = 'Keep the username to 256 characters or fewer.';
    else if (username.includes(':')) errors.username = 'A username cannot contain a colon (:).';
  }
  if (auth !== 'none' && !values.removeSecret) {
    const what = auth === 'basic' ? 'password' : 'token';
    if (values.secret === '') {
      if (secretRequired(values, ctx)) errors.secret = secretReentryReason(values, ctx) ?? `Enter the ${what}.`;
    } else if (values.secret.length > 8192) {
      errors.secret = `The ${what} is too long (at most 8192 characters).`;
    } else {
      const problem = secretProblem(auth, values.secret);
      if (problem !== null) errors.secret = problem;
    }
  }
  return errors;
}

/** Advice that does not block saving: secrets over plain http can be read on the network. */
export function connectionWarnings(values: ConnectionFormValues): string[] {
  if (usesLocalPath(values.kind) || effectiveAuth(values) === 'none') return [];
  try {
    const url = new URL(values.url.trim());
    const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol === 'http:' && !local) {
      return ['This address uses http, not https: the password or token would cross the network unencrypted.'];
    }
  } catch {
    // An invalid address is reported by validation.
  }
  return [];
}

/**
 * The `connections:save` input for a valid form. `secret` is a string to store or replace,
 * `null` to delete what is stored, absent to keep it (see ConnectionDraft).
 */
export function toConnectionDraft(values: ConnectionFormValues, ctx: ConnectionFormContext): ConnectionDraft {
  const auth = effectiveAuth(values);
  const draft: ConnectionDraft = {
    name: values.name.trim(),
    kind: values.kind,
    url: values.url.trim(),
    auth: auth === 'basic' ? { type: 'basic', username: values.username.trim() } : { type: auth },
  };
  if (values.id !== null) draft.id = values.id;
  if (auth === 'none' || values.removeSecret) {
    // A secret that no longer has a use must not linger in the keychain.
    if (ctx.hasStoredSecret) draft.secret = null;
  } else if (values.secret !== '') {
    draft.secret = values.secret;
  } else if (!keepsStoredSecret(values, ctx) && ctx.hasStoredSecret) {
    draft.secret = null;
  }
  return draft;
}
