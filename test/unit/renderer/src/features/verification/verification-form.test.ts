import { describe, expect, it } from 'vitest';
import type { Connection } from '../../../../../../shared/contract/schemas/connections.ts';
import { prodMlflow } from '../../../support/connections.ts';
import { VerifyModelInput } from '../../../../../../shared/contract/schemas/verification.ts';
import {
  OTHER_ROOT_FILE,
  PUBLIC_GOOD_ROOT,
  connectionRootChoice,
  defaultSignaturePath,
  emptyVerificationForm,
  newJobId,
  parseIgnorePaths,
  toVerifyInput,
  trustedRootConnections,
  trustedRootOptions,
  validateVerificationForm,
  withModelPath,
  type VerificationFormValues,
} from '../../../../../../renderer/src/features/verification/verification-form.ts';
import {
  formatBytes,
  formatDuration,
  progressPercent,
} from '../../../../../../renderer/src/features/verification/progress-format.ts';

const PUBLIC_KEY = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----';
const identityForm = (over: Partial<VerificationFormValues> = {}): VerificationFormValues => ({
  ...withModelPath(emptyVerificationForm(), '/srv/models/fraud/14'),
  identity: 'release@example.com',
  issuer: 'https://accounts.google.com',
  ...over,
});

describe('verification form', () => {
  it('defaults the signature to model.sig in the folder, in the folder’s own separators', () => {
    expect(defaultSignaturePath('/srv/m/')).toBe('/srv/m/model.sig');
    expect(defaultSignaturePath('C:\\models\\x')).toBe('C:\\models\\x\\model.sig');
    expect(defaultSignaturePath('  ')).toBe('');
  });

  it('lets the signature path follow the folder until the user edits it', () => {
    const a = withModelPath(emptyVerificationForm(), '/a');
    expect(a.signaturePath).toBe('/a/model.sig');
    const edited = { ...a, signaturePath: '/sigs/a.sig', signatureEdited: true };
    expect(withModelPath(edited, '/b').signaturePath).toBe('/sigs/a.sig');
  });

  it('accepts a complete identity policy', () => {
    expect(validateVerificationForm(identityForm())).toEqual({});
  });

  it('asks for an absolute model folder', () => {
    expect(validateVerificationForm(identityForm({ modelPath: '' })).modelPath).toMatch(/folder/);
    expect(validateVerificationForm(identityForm({ modelPath: 'rel/path' })).modelPath).toMatch(/full path/);
  });

  it('wants an identity and an https issuer, and a valid pattern when the identity is one', () => {
    const errors = validateVerificationForm(identityForm({ identity: '', issuer: 'accounts.google.com' }));
    expect(errors.identity).toBeDefined();
    expect(errors.issuer).toMatch(/https:\/\//);
    expect(validateVerificationForm(identityForm({ identity: '([a-z', identityIsPattern: true })).identity).toMatch(
      /regular expression/,
    );
  });

  it('wants PEM text for key and CA-chain policies', () => {
    expect(validateVerificationForm(identityForm({ mode: 'public-key', publicKeyPem: 'abc' })).publicKeyPem).toMatch(
      /PEM/,
    );
    expect(validateVerificationForm(identityForm({ mode: 'public-key', publicKeyPem: PUBLIC_KEY }))).toEqual({});
    expect(validateVerificationForm(identityForm({ mode: 'ca-chain', caChainPem: PUBLIC_KEY })).caChainPem).toMatch(
      /CERTIFICATE/,
    );
  });

  it('refuses ignore paths that leave the model folder', () => {
    expect(validateVerificationForm(identityForm({ ignorePaths: '.git\n../secrets' })).ignorePaths).toMatch(
      /\.\.\/secrets/,
    );
    expect(validateVerificationForm(identityForm({ ignorePaths: '/etc' })).ignorePaths).toBeDefined();
    expect(parseIgnorePaths(' .git \n\nREADME.md\n.git\r\n')).toEqual(['.git', 'README.md']);
  });

  it('builds an input the contract accepts, with the job id and only the chosen policy', () => {
    const input = toVerifyInput(identityForm({ ignorePaths: '.git', publicKeyPem: PUBLIC_KEY }), 'job-1');
    expect(VerifyModelInput.parse(input)).toEqual({
      jobId: 'job-1',
      modelPath: '/srv/models/fraud/14',
      signaturePath: '/srv/models/fraud/14/model.sig',
      policy: { mode: 'identity', identity: 'release@example.com', issuer: 'https://accounts.google.com' },
      ignorePaths: ['.git'],
    });
    const key = toVerifyInput(identityForm({ mode: 'public-key', publicKeyPem: PUBLIC_KEY, signaturePath: '' }), 'j');
    expect(key.policy).toEqual({ mode: 'public-key', publicKeyPem: PUBLIC_KEY });
    expect(key.signaturePath).toBe('/srv/models/fraud/14/model.sig');
    expect('ignorePaths' in key).toBe(false);
  });

  it('sends a typed trusted root only with a keyless policy, and wants a full path', () => {
    const root = '/etc/sigstore/private/trusted_root.json';
    const typed = (over: Partial<VerificationFormValues>) => identityForm({ trustedRootChoice: OTHER_ROOT_FILE, ...over });
    expect(toVerifyInput(typed({ trustedRootPath: ` ${root} ` }), 'j').trustedRootPath).toBe(root);
    const key = toVerifyInput(typed({ mode: 'public-key', publicKeyPem: PUBLIC_KEY, trustedRootPath: root }), 'j');
    expect('trustedRootPath' in key).toBe(false);
    expect(validateVerificationForm(typed({ trustedRootPath: 'trusted_root.json' })).trustedRootPath).toMatch(/full path/);
    expect(validateVerificationForm(typed({ trustedRootPath: '' })).trustedRootPath).toMatch(/full path/);
  });

  it('uses the public-good root by default, even with a path left in the hidden field', () => {
    expect(emptyVerificationForm().trustedRootChoice).toBe(PUBLIC_GOOD_ROOT);
    const values = identityForm({ trustedRootPath: 'left over' });
    expect(validateVerificationForm(values)).toEqual({});
    expect('trustedRootPath' in toVerifyInput(values, 'j')).toBe(false);
  });

  it('sends the trusted root file of a chosen private Sigstore connection', () => {
    const corp: Connection = { ...prodMlflow, id: 's1', name: 'Corp Sigstore', kind: 'sigstore', url: '/etc/corp/trusted_root.json', auth: { type: 'none' }, hasSecret: false };
    const acme: Connection = { ...corp, id: 's2', name: 'Acme Sigstore', url: '/etc/acme/trusted_root.json' };
    const roots = trustedRootConnections([prodMlflow, corp, acme]);
    expect(roots.map((r) => r.name)).toEqual(['Acme Sigstore', 'Corp Sigstore']);
    expect(trustedRootOptions(roots).map((o) => o.label)).toEqual([
      'Sigstore public-good (Settings → Signature trust)',
      'Acme Sigstore',
      'Corp Sigstore',
      'Another file…',
    ]);
    const values = identityForm({ trustedRootChoice: connectionRootChoice('s1') });
    expect(validateVerificationForm(values, roots)).toEqual({});
    const input = toVerifyInput(values, 'j', roots);
    expect(VerifyModelInput.parse(input).trustedRootPath).toBe('/etc/corp/trusted_root.json');
  });

  it('refuses a Sigstore connection that has since been removed', () => {
    const values = identityForm({ trustedRootChoice: connectionRootChoice('gone') });
    expect(validateVerificationForm(values, []).trustedRootPath).toMatch(/no longer exists/);
  });

  it('makes unique job ids, with or without randomUUID', () => {
    expect(newJobId()).not.toBe(newJobId());
    const hex = newJobId({ getRandomValues: (a) => globalThis.crypto.getRandomValues(a) });
    expect(hex).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('progress formatting', () => {
  it('writes sizes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1500)).toBe('1.5 kB');
    expect(formatBytes(2_340_000_000)).toBe('2.3 GB');
  });

  it('computes percent by bytes, or by files when there are no bytes, clamped', () => {
    expect(progressPercent({ bytesDone: 50, bytesTotal: 200, filesDone: 0, filesTotal: 9 })).toBe(25);
    expect(progressPercent({ bytesDone: 0, bytesTotal: 0, filesDone: 1, filesTotal: 4 })).toBe(25);
    expect(progressPercent({ bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0 })).toBe(0);
    expect(progressPercent({ bytesDone: 300, bytesTotal: 200, filesDone: 0, filesTotal: 0 })).toBe(100);
  });

  it('writes durations in ms or seconds', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
  });
});
