import { describe, expect, it } from 'vitest';
import { checkIdentity } from '../../../../../../electron/services/verification/sigstore/identity.ts';
import { codeOf } from '../../../../../support/error-code.ts';

const ISSUER = 'https://token.actions.githubusercontent.com';

describe('signer identity matching', () => {
  const exact = { identity: 'alice@example.com', issuer: ISSUER };

  it('accepts the exact identity and issuer', () => {
    expect(codeOf(() => checkIdentity(exact, 'alice@example.com', ISSUER))).toBeUndefined();
  });

  it('rejects an identity that merely contains the expected one (sigstore-js would accept it as a regex)', () => {
    expect(codeOf(() => checkIdentity(exact, 'evil-alice@example.com', ISSUER))).toBe('SIGNATURE_IDENTITY_MISMATCH');
    expect(codeOf(() => checkIdentity(exact, 'alice@example.com.attacker.net', ISSUER))).toBe(
      'SIGNATURE_IDENTITY_MISMATCH',
    );
    // "." is literal when no pattern is asked for.
    expect(codeOf(() => checkIdentity(exact, 'alice@exampleXcom', ISSUER))).toBe('SIGNATURE_IDENTITY_MISMATCH');
  });

  it('matches the issuer exactly, with no prefix, suffix or case folding', () => {
    expect(codeOf(() => checkIdentity(exact, 'alice@example.com', `${ISSUER}/`))).toBe('SIGNATURE_IDENTITY_MISMATCH');
    expect(codeOf(() => checkIdentity(exact, 'alice@example.com', ISSUER.toUpperCase()))).toBe(
      'SIGNATURE_IDENTITY_MISMATCH',
    );
    expect(codeOf(() => checkIdentity(exact, 'alice@example.com', undefined))).toBe('SIGNATURE_IDENTITY_MISMATCH');
  });

  it('rejects a certificate with no identity', () => {
    expect(codeOf(() => checkIdentity(exact, undefined, ISSUER))).toBe('SIGNATURE_IDENTITY_MISMATCH');
    expect(codeOf(() => checkIdentity(exact, '', ISSUER))).toBe('SIGNATURE_IDENTITY_MISMATCH');
  });

  it('uses a regular expression only when the policy says so, anchored to the whole identity', () => {
    const pattern = {
      identity: 'https://github\\.com/acme/[a-z-]+/\\.github/workflows/release\\.yml@refs/tags/v.*',
      issuer: ISSUER,
      identityIsPattern: true,
    };
    const good = 'https://github.com/acme/model-repo/.github/workflows/release.yml@refs/tags/v1.2.0';
    expect(codeOf(() => checkIdentity(pattern, good, ISSUER))).toBeUndefined();
    expect(codeOf(() => checkIdentity(pattern, `https://evil.example/?${good}`, ISSUER))).toBe(
      'SIGNATURE_IDENTITY_MISMATCH',
    );
    expect(codeOf(() => checkIdentity({ ...pattern, identityIsPattern: false }, good, ISSUER))).toBe(
      'SIGNATURE_IDENTITY_MISMATCH',
    );
  });

  it('reports an unusable pattern as a policy input error', () => {
    expect(codeOf(() => checkIdentity({ identity: '(', issuer: ISSUER, identityIsPattern: true }, 'x', ISSUER))).toBe(
      'INVALID_INPUT',
    );
    expect(
      codeOf(() => checkIdentity({ identity: 'a'.repeat(2000), issuer: ISSUER, identityIsPattern: true }, 'x', ISSUER)),
    ).toBe('INVALID_INPUT');
  });

  it('says who signed and who was expected, in plain words', () => {
    try {
      checkIdentity(exact, 'mallory@example.com', ISSUER);
    } catch (error) {
      expect((error as Error).message).toContain('mallory@example.com');
      expect((error as Error).message).toContain('alice@example.com');
    }
    expect.assertions(2);
  });
});
