import { describe, expect, it } from 'vitest';
import type { ModelVerificationReport } from '../../../../../../shared/contract/schemas/verification.ts';
import { ERROR_TEXT } from '../../../../../../renderer/src/api/error-text.ts';
import { VerificationResult } from '../../../../../../renderer/src/features/verification/verification-result.tsx';
import { renderHtml, textOf } from '../../../support/render.tsx';

const base: ModelVerificationReport = {
  verified: true,
  failure: null,
  signer: { mode: 'identity', subject: 'release@example.com', issuer: 'https://accounts.google.com', signedAt: null },
  format: 'model_signing v1.0 (Sigstore bundle v0.3)',
  hashAlgorithm: 'sha256',
  files: [
    { path: 'weights.bin', status: 'verified', reason: null, expectedDigest: 'a', actualDigest: 'a', size: 10 },
    { path: 'config.json', status: 'verified', reason: null, expectedDigest: 'b', actualDigest: 'b', size: 2 },
  ],
  bytesHashed: 12_000_000,
  durationMs: 1500,
};

describe('verification result', () => {
  it('says verified, names the signer and issuer, and lists each file', () => {
    const text = textOf(renderHtml(<VerificationResult report={base} />));
    expect(text).toContain('Verified');
    expect(text).not.toContain('Not verified');
    expect(text).toContain('release@example.com');
    expect(text).toContain('https://accounts.google.com');
    expect(text).toContain('12.0 MB in 1.5 s');
    expect(text).toContain('weights.bin');
    expect(text).toContain('2 files match what was signed');
  });

  it('says not verified in plain words and puts the differing file first', () => {
    const report: ModelVerificationReport = {
      ...base,
      verified: false,
      failure: { code: 'MODEL_FILES_MISMATCH', message: '1 file differs' },
      files: [
        ...base.files,
        {
          path: 'tokenizer.json',
          status: 'modified',
          reason: 'digest differs',
          expectedDigest: 'c',
          actualDigest: 'd',
          size: 3,
        },
      ],
    };
    const html = renderHtml(<VerificationResult report={report} />);
    const text = textOf(html);
    expect(text).toContain('Not verified');
    expect(text).toContain(ERROR_TEXT.MODEL_FILES_MISMATCH.title);
    expect(text).toContain('Details (MODEL_FILES_MISMATCH): 1 file differs');
    expect(text.indexOf('tokenizer.json')).toBeLessThan(text.indexOf('config.json'));
    expect(text).toContain('Modified');
    expect(text).toContain('digest differs');
    expect(text).toContain('1 file differs from what was signed; 2 files match what was signed.');
  });

  it('writes large file counts the way the locale groups digits, and says how many rows it shows', () => {
    const files = Array.from({ length: 1234 }, (_, i) => ({ path: `f${i}.bin`, status: 'verified' as const, reason: null, expectedDigest: null, actualDigest: null, size: null }));
    const text = textOf(renderHtml(<VerificationResult report={{ ...base, files }} />));
    const n = (1234).toLocaleString();
    expect(text).toContain(`Files (${n})`);
    expect(text).toContain(`${n} files match what was signed`);
    expect(text).toContain(`Showing the first 500 of ${n} files, problems first.`);
  });
});
