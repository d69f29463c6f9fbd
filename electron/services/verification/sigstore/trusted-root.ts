// ========================================================================================
// SECURITY: the trust anchors of keyless verification.
// A trusted root names the certificate authorities, transparency logs, CT logs and
// timestamp authorities we believe, each for a window of time. A window without a start,
// with an unreadable date, or ending before it starts is rejected outright: treating a
// missing bound as "forever" would widen trust beyond what the root's author meant
// (sigstore-js does exactly that, so this check runs before it sees the root).
// ========================================================================================
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial, type KeyFinderFunc, type TrustMaterial } from '@sigstore/verify';
import { PUBLIC_GOOD_TRUSTED_ROOT } from './public-good-root.ts';
import { fail } from './verification-errors.ts';

const MEDIA_TYPE = /^application\/vnd\.dev\.sigstore\.trustedroot(\+json;version=0\.[12]|\.v0\.[12]\+json)$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const MAX_ENTRIES = 64;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(what: string): never {
  throw fail('TRUSTED_ROOT_INVALID', `The trusted root is invalid: ${what}. Nothing signed can be checked against it.`);
}

function checkWindow(validFor: unknown, where: string): void {
  if (!isObject(validFor)) invalid(`${where} has no validity period`);
  const start = validFor['start'];
  const end = validFor['end'];
  if (typeof start !== 'string' || !RFC3339.test(start) || Number.isNaN(Date.parse(start))) {
    invalid(`${where} has no valid start to its validity period`);
  }
  if (end !== undefined && end !== null) {
    if (typeof end !== 'string' || !RFC3339.test(end) || Number.isNaN(Date.parse(end))) {
      invalid(`${where} has an unreadable end to its validity period`);
    }
    if (Date.parse(end) < Date.parse(start)) invalid(`${where} has a validity period that ends before it starts`);
  }
}

function checkBase64(value: unknown, where: string): void {
  if (typeof value !== 'string' || value.length === 0 || !BASE64.test(value)) invalid(`${where} is not base64 data`);
}

function list(root: Json, name: string, required: boolean): Json[] {
  const value = root[name];
  if (value === undefined && !required) return [];
  if (!Array.isArray(value)) invalid(`"${name}" is not a list`);
  if (value.length > MAX_ENTRIES) invalid(`"${name}" has more than ${MAX_ENTRIES} entries`);
  return value.map((item, i) => {
    if (!isObject(item)) invalid(`${name}[${i}] is not an object`);
    return item;
  });
}

/**
 * Checks the shape and every validity window of a trusted_root.json and returns it parsed.
 * Throws TRUSTED_ROOT_INVALID naming the first problem found.
 */
export function parseTrustedRoot(json: unknown): TrustedRoot {
  if (!isObject(json)) invalid('it is not a JSON object');
  const mediaType = json['mediaType'];
  if (typeof mediaType !== 'string' || !MEDIA_TYPE.test(mediaType)) invalid('its media type is missing or unknown');
  for (const name of ['tlogs', 'ctlogs'] as const) {
    list(json, name, true).forEach((log, i) => {
      const key = log['publicKey'];
      if (!isObject(key)) invalid(`${name}[${i}] has no public key`);
      checkBase64(key['rawBytes'], `${name}[${i}].publicKey`);
      checkWindow(key['validFor'], `${name}[${i}] (${String(log['baseUrl'] ?? 'unnamed log')})`);
      const logId = log['logId'];
      if (!isObject(logId)) invalid(`${name}[${i}] has no log ID`);
      checkBase64(logId['keyId'], `${name}[${i}].logId`);
    });
  }
  for (const name of ['certificateAuthorities', 'timestampAuthorities'] as const) {
    list(json, name, name === 'certificateAuthorities').forEach((ca, i) => {
      const chain = ca['certChain'];
      const certs = isObject(chain) ? chain['certificates'] : undefined;
      if (!Array.isArray(certs) || certs.length === 0) invalid(`${name}[${i}] has no certificates`);
      certs.forEach((cert: unknown, j) =>
        checkBase64(isObject(cert) ? cert['rawBytes'] : undefined, `${name}[${i}] certificate ${j}`),
      );
      checkWindow(ca['validFor'], `${name}[${i}] (${String(ca['uri'] ?? 'unnamed authority')})`);
    });
  }
  try {
    return TrustedRoot.fromJSON(json);
  } catch (error) {
    throw fail('TRUSTED_ROOT_INVALID', 'The trusted root cannot be read.', error);
  }
}

/**
 * Turns a checked trusted root into sigstore-js trust material (parsing every key and
 * certificate). `keys` resolves a bundle's key hint in key-based mode. Throws
 * TRUSTED_ROOT_INVALID when a key or certificate in the root cannot be parsed.
 */
export function trustMaterialFrom(root: TrustedRoot, keys?: KeyFinderFunc): TrustMaterial {
  try {
    return toTrustMaterial(root, keys);
  } catch (error) {
    throw fail('TRUSTED_ROOT_INVALID', 'A key or certificate in the trusted root cannot be read.', error);
  }
}

/**
 * The Sigstore public-good trusted root shipped with the app (assets/trust/), so keyless
 * verification works offline. See assets/trust/README.md for where it came from.
 */
export function publicGoodTrustedRoot(): TrustedRoot {
  return parseTrustedRoot(PUBLIC_GOOD_TRUSTED_ROOT);
}
