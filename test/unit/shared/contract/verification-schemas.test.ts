import { describe, expect, it } from 'vitest';
import { VerifyModelInput } from '../../../../shared/contract/index.ts';

const base = {
  jobId: 'j',
  modelPath: '/srv/models/m',
  policy: { mode: 'identity', identity: 'release@example.com', issuer: 'https://accounts.google.com' },
};

describe('verify-model input bounds', () => {
  it('accepts ordinary input', () => {
    expect(VerifyModelInput.safeParse(base).success).toBe(true);
  });

  it.each([
    ['a model path', { modelPath: `/${'a'.repeat(5000)}` }],
    ['a signature path', { signaturePath: `/${'a'.repeat(5000)}` }],
    ['an ignore path', { ignorePaths: ['a'.repeat(5000)] }],
    ['a trusted root path', { trustedRootPath: `/${'a'.repeat(5000)}` }],
    ['an identity', { policy: { ...base.policy, identity: 'x'.repeat(2000) } }],
    ['a public key', { policy: { mode: 'public-key', publicKeyPem: 'k'.repeat(70 * 1024) } }],
    ['a CA chain', { policy: { mode: 'ca-chain', caChainPem: 'c'.repeat(300 * 1024) } }],
  ])('refuses %s far longer than any real one', (_what, change) => {
    expect(VerifyModelInput.safeParse({ ...base, ...change }).success).toBe(false);
  });
});
