import { VerificationError, PolicyError } from '@sigstore/verify';
import { ValidationError } from '@sigstore/bundle';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../../shared/errors.ts';
import { toAppError } from '../../../../../../electron/services/verification/sigstore/verification-errors.ts';

describe('turning every failure into a coded AppError', () => {
  it('maps sigstore-js error codes to verification codes, keeping the detail', () => {
    const cases = [
      ['TLOG_INCLUSION_PROOF_ERROR', 'TLOG_INVALID'],
      ['TLOG_BODY_ERROR', 'TLOG_INVALID'],
      ['CERTIFICATE_ERROR', 'CERTIFICATE_CHAIN_INVALID'],
      ['TIMESTAMP_ERROR', 'TIMESTAMP_INVALID'],
      ['SIGNATURE_ERROR', 'SIGNATURE_INVALID'],
      ['PUBLIC_KEY_ERROR', 'SIGNATURE_KEY_MISMATCH'],
    ] as const;
    for (const [from, to] of cases) {
      const mapped = toAppError(new VerificationError({ code: from, message: 'detail here' }));
      expect(mapped.code).toBe(to);
      expect(mapped.message).toContain('detail here');
    }
    expect(toAppError(new PolicyError({ code: 'UNTRUSTED_SIGNER_ERROR', message: 'x' })).code).toBe(
      'SIGNATURE_IDENTITY_MISMATCH',
    );
  });

  it('reports bundle validation failures with the missing fields', () => {
    const mapped = toAppError(new ValidationError('invalid bundle', ['content.dsseEnvelope.payload']));
    expect(mapped.code).toBe('BUNDLE_MALFORMED');
    expect(mapped.message).toContain('content.dsseEnvelope.payload');
  });

  it('passes AppErrors through and treats anything else as a malformed bundle, never a crash', () => {
    const own = new AppError('ARTIFACT_MISMATCH', 'x');
    expect(toAppError(own)).toBe(own);
    expect(toAppError(new TypeError("Cannot read properties of undefined (reading 'envelope')")).code).toBe(
      'BUNDLE_MALFORMED',
    );
    expect(toAppError('a string').code).toBe('BUNDLE_MALFORMED');
    expect(toAppError(undefined).code).toBe('BUNDLE_MALFORMED');
  });
});
