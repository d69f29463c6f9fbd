// Reads an untrusted Sigstore bundle (JSON) into sigstore-js's typed Bundle, with the
// checks a verifier needs before any cryptography: a known media type, one and only one
// kind of key material and of content, the per-version rules, and bounds on list sizes so
// a hostile bundle cannot make us do unbounded work.
import {
  BUNDLE_V01_MEDIA_TYPE,
  BUNDLE_V02_MEDIA_TYPE,
  BUNDLE_V03_LEGACY_MEDIA_TYPE,
  BUNDLE_V03_MEDIA_TYPE,
  assertBundle,
  type Bundle,
} from '@sigstore/bundle';
import { Bundle as BundleCodec } from '@sigstore/protobuf-specs';
import { fail, toAppError } from './verification-errors.ts';

/** The bundle format versions this verifier reads. */
export type BundleVersion = '0.1' | '0.2' | '0.3';

/** A bundle that passed structural checks, plus what the typed form drops. */
export interface ParsedBundle {
  bundle: Bundle;
  version: BundleVersion;
  /**
   * A public key embedded in `verificationMaterial.publicKey.rawBytes` (PEM or DER), as
   * model_signing 0.3 to 1.0 wrote it. Unauthenticated: only ever compared with the key
   * the policy trusts, never trusted itself.
   */
  embeddedKey: Uint8Array | null;
  /** True for a v0.3 bundle carrying `x509CertificateChain`, which only the CA-chain mode accepts. */
  chainInV03: boolean;
}

const MEDIA_TYPES: Record<string, BundleVersion> = {
  [BUNDLE_V01_MEDIA_TYPE]: '0.1',
  [BUNDLE_V02_MEDIA_TYPE]: '0.2',
  [BUNDLE_V03_LEGACY_MEDIA_TYPE]: '0.3',
  [BUNDLE_V03_MEDIA_TYPE]: '0.3',
};

/** Largest bundle text accepted (a DSSE payload can be large; a bundle is not a model). */
export const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
const MAX_TLOG_ENTRIES = 16;
const MAX_CERTIFICATES = 10;
const MAX_TIMESTAMPS = 16;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(what: string): never {
  throw fail('BUNDLE_MALFORMED', `The signature bundle is malformed: ${what}.`);
}

function toJson(input: unknown): Json {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
    if (size > MAX_BUNDLE_BYTES) malformed(`it is larger than ${MAX_BUNDLE_BYTES / 1024 / 1024} MiB`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof input === 'string' ? input : Buffer.from(input).toString('utf8'));
    } catch (error) {
      throw fail(
        'BUNDLE_MALFORMED',
        'The signature bundle is not valid JSON (the file may be truncated or damaged).',
        error,
      );
    }
    input = parsed;
  }
  if (!isObject(input)) malformed('it is not a JSON object');
  return input;
}

// Exactly one of the named fields must be present (protobuf's oneof silently takes the first).
function oneOf(obj: Json, names: string[], what: string): string {
  const present = names.filter((n) => obj[n] !== undefined && obj[n] !== null);
  if (present.length !== 1) malformed(`it must carry exactly one ${what} (found ${present.length})`);
  const name = present[0] as string;
  if (!isObject(obj[name])) malformed(`"${name}" is not an object`);
  return name;
}

function optionalArray(obj: Json, name: string, max: number, where: string): unknown[] {
  const value = obj[name];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) malformed(`${where}.${name} is not a list`);
  if (value.length > max) malformed(`${where}.${name} has ${value.length} items (at most ${max} are accepted)`);
  return value;
}

/**
 * Parses and structurally checks a bundle given as parsed JSON, JSON text or bytes.
 * Throws BUNDLE_MALFORMED (unreadable or incomplete) or BUNDLE_UNSUPPORTED (a media type
 * other than v0.1, v0.2 or v0.3).
 */
export function parseBundle(input: unknown): ParsedBundle {
  const json = toJson(input);
  const mediaType = json['mediaType'];
  if (typeof mediaType !== 'string' || mediaType === '') malformed('it has no media type');
  const version = MEDIA_TYPES[mediaType];
  if (version === undefined) {
    throw fail(
      'BUNDLE_UNSUPPORTED',
      `The signature bundle uses a format this app does not read ("${mediaType.slice(0, 100)}"); bundle versions 0.1, 0.2 and 0.3 are supported.`,
    );
  }
  const material = json['verificationMaterial'];
  if (!isObject(material)) malformed('it has no verification material');
  const keyKind = oneOf(material, ['publicKey', 'x509CertificateChain', 'certificate'], 'kind of signing key material');
  oneOf(json, ['messageSignature', 'dsseEnvelope'], 'kind of signed content');
  const entries = optionalArray(material, 'tlogEntries', MAX_TLOG_ENTRIES, 'verificationMaterial');
  for (const entry of entries) if (!isObject(entry)) malformed('a transparency log entry is not an object');
  const tsData = material['timestampVerificationData'];
  if (tsData !== undefined && tsData !== null) {
    if (!isObject(tsData)) malformed('timestampVerificationData is not an object');
    optionalArray(tsData, 'rfc3161Timestamps', MAX_TIMESTAMPS, 'timestampVerificationData');
  }
  if (keyKind === 'x509CertificateChain') {
    const certs = optionalArray(
      material['x509CertificateChain'] as Json,
      'certificates',
      MAX_CERTIFICATES,
      'x509CertificateChain',
    );
    if (certs.length === 0) malformed('its certificate chain is empty');
  }
  const dsse = json['dsseEnvelope'];
  if (isObject(dsse)) optionalArray(dsse, 'signatures', 1, 'dsseEnvelope');

  let embeddedKey: Uint8Array | null = null;
  if (keyKind === 'publicKey') {
    const raw = (material['publicKey'] as Json)['rawBytes'];
    if (raw !== undefined && raw !== null) {
      if (typeof raw !== 'string') malformed('publicKey.rawBytes is not base64 text');
      embeddedKey = Buffer.from(raw, 'base64');
    }
  }

  let bundle: Bundle;
  try {
    bundle = BundleCodec.fromJSON(json) as Bundle;
    assertBundle(bundle);
  } catch (error) {
    throw toAppError(error);
  }
  applyVersionRules(bundle, version);
  return { bundle, version, embeddedKey, chainInV03: version === '0.3' && keyKind === 'x509CertificateChain' };
}

function applyVersionRules(bundle: Bundle, version: BundleVersion): void {
  bundle.verificationMaterial.tlogEntries.forEach((entry, i) => {
    if (version === '0.1') {
      if (entry.inclusionPromise === undefined)
        malformed(`log entry ${i} has no inclusion promise, which a v0.1 bundle requires`);
      // v0.1 predates checkpoints: a proof without one cannot be checked offline (its root
      // hash is unauthenticated), so it is set aside and the signed promise stands alone.
      if (entry.inclusionProof !== undefined && entry.inclusionProof.checkpoint === undefined) {
        entry.inclusionProof = undefined;
      }
    } else if (entry.inclusionProof === undefined || entry.inclusionProof.checkpoint === undefined) {
      throw fail(
        'TLOG_INVALID',
        `The bundle has no checkpointed inclusion proof for transparency log entry ${i}, which bundle version ${version} requires.`,
      );
    }
  });
}
