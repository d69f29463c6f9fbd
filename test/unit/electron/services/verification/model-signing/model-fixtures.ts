// Helpers for the model-signing tests: temporary model folders, keys, and a stand-in
// bundle "verifier" that only decodes the DSSE payload. The stand-in checks NO signature;
// it exists so the tests of our own parts (paths, hashing, comparison) do not depend on
// the Sigstore verifier. Every test of signatures uses the real verifyBundle.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { HashPool } from '../../../../../../electron/services/verification/hashing/hash-pool.ts';
import { signModelWithKey } from '../../../../../../electron/services/verification/model-signing/sign.ts';
import path from 'node:path';
import { AppError } from '../../../../../../shared/errors.ts';
import type { Serialization, SignedItem } from '../../../../../../electron/services/verification/model-signing/statement.ts';
import { buildStatement } from '../../../../../../electron/services/verification/model-signing/statement.ts';
import type { VerifyBundle } from '../../../../../../electron/services/verification/model-signing/verify.ts';
import { makeTempDir } from '../../../../../support/temp-dir.ts';

/**
 * Writes `files` (relative path → content) under `parent`/model and returns its path. The
 * default parent is a new temporary folder, removed when the test ends (see temp-dir.ts).
 */
export function makeModel(files: Record<string, string | Uint8Array>, parent = makeTempDir('cs-model')): string {
  const root = path.join(parent, 'model');
  mkdirSync(root, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}

export function ecKeyPair(namedCurve: 'P-256' | 'P-384' | 'P-521' = 'P-384'): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** A bundle around an unsigned payload, for the stand-in verifier. */
export function unsignedBundle(statement: unknown): unknown {
  return {
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: { publicKey: { hint: 'test' }, tlogEntries: [] },
    dsseEnvelope: {
      payload: Buffer.from(JSON.stringify(statement)).toString('base64'),
      payloadType: 'application/vnd.in-toto+json',
      signatures: [{ sig: '', keyid: '' }],
    },
  };
}

/** Decodes the payload WITHOUT checking any signature (see the banner above). */
export const payloadOnlyVerifier: VerifyBundle = async (bundle) => {
  const envelope = (bundle as { dsseEnvelope?: { payload?: string; payloadType?: string } }).dsseEnvelope;
  if (!envelope?.payload || !envelope.payloadType) throw new AppError('BUNDLE_MALFORMED', 'no DSSE envelope');
  return {
    signer: { mode: 'public-key', subject: 'test', issuer: null, signedAt: null },
    dsse: { payloadType: envelope.payloadType, payload: Buffer.from(envelope.payload, 'base64') },
  };
};

/** A serialization with the reference's defaults (files, SHA-256, no links, nothing ignored). */
export function serialization(s: Partial<Serialization> = {}): Serialization {
  return { method: 'files', hashType: 'sha256', shardSize: null, allowSymlinks: false, ignorePaths: [], ...s };
}

/** SHA-256 items over `files` as whole files, for statements written by hand. */
export function sha256Items(files: Record<string, string | Uint8Array>): SignedItem[] {
  return Object.entries(files).map(([rel, content]) => ({ path: rel, start: null, end: null, digestHex: createHash('sha256').update(content).digest('hex') }));
}

/** Writes an unsigned bundle over these items to `sigPath` (for the stand-in verifier). */
export function writeUnsignedSignature(sigPath: string, s: Serialization, items: readonly SignedItem[]): string {
  writeFileSync(sigPath, JSON.stringify(unsignedBundle(buildStatement('model', s, items))));
  return sigPath;
}

/** Signs the model at `root` in key mode with our signer; returns the path of its model.sig. */
export async function signWithKey(root: string, privateKeyPem: string): Promise<string> {
  const signaturePath = path.join(root, 'model.sig');
  const pool = new HashPool({ size: 1 });
  try {
    const signed = await signModelWithKey(pool, { modelPath: root, privateKeyPem, signaturePath });
    writeFileSync(signaturePath, JSON.stringify(signed.bundle));
  } finally {
    await pool.dispose();
  }
  return signaturePath;
}
