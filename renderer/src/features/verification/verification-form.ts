import type { Connection } from '../../../../shared/contract/schemas/connections.ts';
import type { SignerPolicy, VerifyModelInput } from '../../../../shared/contract/schemas/verification.ts';
import { isAbsolutePath } from '../../lib/absolute-path.ts';

export type PolicyMode = SignerPolicy['mode'];

/** What the "Verify a model" form holds. */
export interface VerificationFormValues {
  modelPath: string;
  signaturePath: string;
  /** The user typed a signature path: stop following the folder's default. */
  signatureEdited: boolean;
  mode: PolicyMode;
  identity: string;
  issuer: string;
  identityIsPattern: boolean;
  /**
   * Keyless only: which trusted root to verify against. {@link PUBLIC_GOOD_ROOT}, a
   * private Sigstore connection (see {@link connectionRootChoice}), or {@link OTHER_ROOT_FILE}
   * for the path typed into `trustedRootPath`.
   */
  trustedRootChoice: string;
  /** Keyless, "Another file…" only: a private Sigstore deployment's trusted_root.json. */
  trustedRootPath: string;
  publicKeyPem: string;
  caChainPem: string;
  /** One path per line, relative to the model folder. */
  ignorePaths: string;
}

export type VerificationField =
  | 'modelPath'
  | 'signaturePath'
  | 'identity'
  | 'issuer'
  | 'trustedRootPath'
  | 'publicKeyPem'
  | 'caChainPem'
  | 'ignorePaths';
export type VerificationFormErrors = Partial<Record<VerificationField, string>>;

export const POLICY_LABELS: Record<PolicyMode, string> = {
  identity: 'Signer identity and issuer (keyless)',
  'public-key': 'Public key',
  'ca-chain': 'Certificate authority chain',
};

/** The trusted root choice for the app's Sigstore public-good root (Settings → Signature trust). */
export const PUBLIC_GOOD_ROOT = 'public-good';
/** The trusted root choice for a path typed by the user. */
export const OTHER_ROOT_FILE = 'file';

/** The trusted root choice for a private Sigstore connection; prefixed so no id can collide. */
export function connectionRootChoice(connectionId: string): string {
  return `connection:${connectionId}`;
}

/** A private Sigstore deployment saved as a connection: its name and its trusted_root.json. */
export interface TrustedRootConnection {
  id: string;
  name: string;
  /** The absolute path of the deployment's trusted_root.json. */
  url: string;
}

/** The private Sigstore connections among all profiles, by name. */
export function trustedRootConnections(all: readonly Connection[]): TrustedRootConnection[] {
  return all
    .filter((c) => c.kind === 'sigstore')
    .map((c) => ({ id: c.id, name: c.name, url: c.url }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The entries of the "Trusted root" select, in the order shown. */
export function trustedRootOptions(roots: readonly TrustedRootConnection[]): { value: string; label: string }[] {
  return [
    { value: PUBLIC_GOOD_ROOT, label: 'Sigstore public-good (Settings → Signature trust)' },
    ...roots.map((r) => ({ value: connectionRootChoice(r.id), label: r.name })),
    { value: OTHER_ROOT_FILE, label: 'Another file…' },
  ];
}

/**
 * The trusted_root.json the form points at: '' for the public-good root, the connection's
 * file, or the typed path. `undefined` when the chosen connection no longer exists.
 */
export function chosenTrustedRootPath(
  values: VerificationFormValues,
  roots: readonly TrustedRootConnection[],
): string | undefined {
  if (values.trustedRootChoice === PUBLIC_GOOD_ROOT) return '';
  if (values.trustedRootChoice === OTHER_ROOT_FILE) return values.trustedRootPath.trim();
  return roots.find((r) => connectionRootChoice(r.id) === values.trustedRootChoice)?.url;
}

export function emptyVerificationForm(): VerificationFormValues {
  return {
    modelPath: '',
    signaturePath: '',
    signatureEdited: false,
    mode: 'identity',
    identity: '',
    issuer: '',
    identityIsPattern: false,
    trustedRootChoice: PUBLIC_GOOD_ROOT,
    trustedRootPath: '',
    publicKeyPem: '',
    caChainPem: '',
    ignorePaths: '',
  };
}

/** `<folder>/model.sig`, in the folder's own separator style; '' for no folder. */
export function defaultSignaturePath(folder: string): string {
  const trimmed = folder.trim();
  if (trimmed === '') return '';
  const separator = trimmed.includes('\\') && !trimmed.includes('/') ? '\\' : '/';
  return `${trimmed.replace(/[\\/]+$/, '')}${separator}model.sig`;
}

/** Changes the model folder; the signature path follows it until the user edits that. */
export function withModelPath(values: VerificationFormValues, modelPath: string): VerificationFormValues {
  return {
    ...values,
    modelPath,
    signaturePath: values.signatureEdited ? values.signaturePath : defaultSignaturePath(modelPath),
  };
}

/** The ignore list: one path per line, blank lines dropped, duplicates once. */
export function parseIgnorePaths(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    ),
  ];
}

function checkPem(text: string, label: 'PUBLIC KEY' | 'CERTIFICATE'): boolean {
  const begin = new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----`);
  return begin.test(text);
}

/**
 * Checks the form; an empty object means Verify can run. Messages are for the user.
 * `roots` are the private Sigstore connections the trusted root choice may name.
 */
export function validateVerificationForm(
  values: VerificationFormValues,
  roots: readonly TrustedRootConnection[] = [],
): VerificationFormErrors {
  const errors: VerificationFormErrors = {};
  const model = values.modelPath.trim();
  if (model === '') errors.modelPath = 'Enter the folder that holds the model files.';
  else if (!isAbsolutePath(model))
    errors.modelPath = 'Enter the full path of the folder, starting with / (or a drive such as C:\\).';
  const signature = values.signaturePath.trim();
  if (signature !== '' && !isAbsolutePath(signature)) errors.signaturePath = 'Enter the full path of the signature file.';

  if (values.mode === 'identity') {
    const identity = values.identity.trim();
    if (identity === '') {
      errors.identity = 'Enter who must have signed, such as release@example.com or a workflow URL.';
    } else if (values.identityIsPattern) {
      try {
        new RegExp(identity);
      } catch {
        errors.identity = 'This is not a valid regular expression.';
      }
    }
    const issuer = values.issuer.trim();
    if (issuer === '') errors.issuer = 'Enter the identity provider that vouched for the signer.';
    else if (!/^https:\/\/[^\s/]+/.test(issuer)) {
      errors.issuer = 'The issuer is a web address, such as https://accounts.google.com.';
    }
    const root = chosenTrustedRootPath(values, roots);
    if (root === undefined) {
      errors.trustedRootPath = 'That Sigstore connection no longer exists. Choose another trusted root.';
    } else if (values.trustedRootChoice === OTHER_ROOT_FILE && !isAbsolutePath(root)) {
      errors.trustedRootPath = 'Enter the full path of the trusted_root.json file.';
    }
  } else if (values.mode === 'public-key') {
    if (!checkPem(values.publicKeyPem, 'PUBLIC KEY')) {
      errors.publicKeyPem = 'Paste a PEM public key, from -----BEGIN PUBLIC KEY----- to -----END PUBLIC KEY-----.';
    }
  } else if (!checkPem(values.caChainPem, 'CERTIFICATE')) {
    errors.caChainPem =
      'Paste one or more PEM certificates, each from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.';
  }

  const ignore = parseIgnorePaths(values.ignorePaths);
  if (ignore.length > 1000) errors.ignorePaths = 'At most 1000 paths can be ignored.';
  else {
    const bad = ignore.find((p) => isAbsolutePath(p) || p.split(/[\\/]/).includes('..'));
    if (bad !== undefined)
      errors.ignorePaths = `“${bad}” must be a path inside the model folder, such as .git or README.md.`;
  }
  return errors;
}

/** The signer policy the form describes. */
export function toSignerPolicy(values: VerificationFormValues): SignerPolicy {
  switch (values.mode) {
    case 'identity':
      return {
        mode: 'identity',
        identity: values.identity.trim(),
        issuer: values.issuer.trim(),
        ...(values.identityIsPattern ? { identityIsPattern: true } : {}),
      };
    case 'public-key':
      return { mode: 'public-key', publicKeyPem: values.publicKeyPem.trim() };
    case 'ca-chain':
      return { mode: 'ca-chain', caChainPem: values.caChainPem.trim() };
  }
}

/**
 * The `verification:verify-model` input for a valid form. A private Sigstore connection
 * travels as its file's path, so the contract only ever carries `trustedRootPath`.
 */
export function toVerifyInput(
  values: VerificationFormValues,
  jobId: string,
  roots: readonly TrustedRootConnection[] = [],
): VerifyModelInput {
  const modelPath = values.modelPath.trim();
  const signaturePath = values.signaturePath.trim() || defaultSignaturePath(modelPath);
  const ignorePaths = parseIgnorePaths(values.ignorePaths);
  const trustedRootPath = values.mode === 'identity' ? (chosenTrustedRootPath(values, roots) ?? '') : '';
  return {
    jobId,
    modelPath,
    signaturePath,
    policy: toSignerPolicy(values),
    ...(ignorePaths.length > 0 ? { ignorePaths } : {}),
    ...(trustedRootPath !== '' ? { trustedRootPath } : {}),
  };
}

/** A fresh job id: a UUID where the page is a secure context, else 128 random bits in hex. */
export function newJobId(source: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
