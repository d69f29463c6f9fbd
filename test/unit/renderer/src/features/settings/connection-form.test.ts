import { describe, expect, it } from 'vitest';
import type { Connection } from '../../../../../../shared/contract/schemas/connections.ts';
import { ConnectionDraft } from '../../../../../../shared/contract/schemas/connections.ts';
import {
  connectionFormContext,
  connectionFormFrom,
  connectionWarnings,
  emptyConnectionForm,
  KIND_OPTIONS,
  kindLabel,
  locationField,
  secretChange,
  secretReentryReason,
  secretRequired,
  toConnectionDraft,
  validateConnectionForm,
  type ConnectionFormValues,
} from '../../../../../../renderer/src/features/settings/connection-form.ts';
import { prodMlflow } from '../../../support/connections.ts';

const stored = prodMlflow;
const other: Connection = { ...stored, id: 'c2', name: 'Staging', auth: { type: 'none' }, hasSecret: false };

const fresh = connectionFormContext(null, [stored, other]);
const editing = connectionFormContext(stored, [stored, other]);
const form = (over: Partial<ConnectionFormValues>): ConnectionFormValues => ({
  ...emptyConnectionForm(),
  name: 'New',
  url: 'https://mlflow.internal',
  ...over,
});

describe('connection form validation', () => {
  it('accepts a complete new MLflow profile without auth', () => {
    expect(validateConnectionForm(form({}), fresh)).toEqual({});
  });

  it('asks for a name and an address', () => {
    const errors = validateConnectionForm(form({ name: '  ', url: '' }), fresh);
    expect(errors.name).toMatch(/name/i);
    expect(errors.url).toMatch(/address/i);
  });

  it('refuses a name another profile already has, ignoring case and spaces', () => {
    expect(validateConnectionForm(form({ name: ' staging ' }), fresh).name).toMatch(/already/);
    expect(validateConnectionForm(connectionFormFrom(stored), editing).name).toBeUndefined();
  });

  it('wants an http(s) address for servers and says so', () => {
    expect(validateConnectionForm(form({ url: 'mlflow.example.com' }), fresh).url).toMatch(/http:\/\/ or https:\/\//);
    expect(validateConnectionForm(form({ url: 'ftp://x' }), fresh).url).toMatch(/http/);
    expect(validateConnectionForm(form({ kind: 'prometheus', url: 'http://127.0.0.1:9090' }), fresh)).toEqual({});
  });

  it('refuses credentials written into the address', () => {
    expect(validateConnectionForm(form({ url: 'https://u:p@mlflow.example.com' }), fresh).url).toMatch(/credentials/);
  });

  it('wants an absolute folder for a workspace, Unix or Windows', () => {
    expect(validateConnectionForm(form({ kind: 'workspace', url: 'models/here' }), fresh).url).toMatch(/full path/);
    expect(validateConnectionForm(form({ kind: 'workspace', url: '/srv/models' }), fresh)).toEqual({});
    expect(validateConnectionForm(form({ kind: 'workspace', url: 'C:\\models' }), fresh)).toEqual({});
  });

  it('wants an absolute trusted_root.json path for a private Sigstore deployment, Unix or Windows', () => {
    expect(validateConnectionForm(form({ kind: 'sigstore', url: '' }), fresh).url).toMatch(/trusted_root\.json/);
    expect(validateConnectionForm(form({ kind: 'sigstore', url: 'trust/root.json' }), fresh).url).toMatch(
      /full path of the trusted_root\.json/,
    );
    expect(
      validateConnectionForm(form({ kind: 'sigstore', url: 'https://sigstore.corp/root.json' }), fresh).url,
    ).toMatch(/full path/);
    expect(validateConnectionForm(form({ kind: 'sigstore', url: '/etc/sigstore/trusted_root.json' }), fresh)).toEqual(
      {},
    );
    expect(validateConnectionForm(form({ kind: 'sigstore', url: 'C:\\sigstore\\trusted_root.json' }), fresh)).toEqual(
      {},
    );
  });

  it('offers a private Sigstore kind, whose location is a trusted root file', () => {
    expect(KIND_OPTIONS.map((o) => o.kind)).toEqual(['mlflow', 'workspace', 'prometheus', 'alertmanager', 'sigstore']);
    expect(kindLabel('sigstore')).toBe('Private Sigstore (trusted root file)');
    expect(locationField('sigstore').label).toBe('Trusted root file');
    expect(locationField('sigstore').helper).toMatch(/trusted_root\.json/);
    expect(locationField('workspace').label).toBe('Folder');
    expect(locationField('mlflow').label).toBe('URL');
  });

  it('needs a username without a colon, and a password, for basic auth on a new profile', () => {
    const errors = validateConnectionForm(form({ authType: 'basic' }), fresh);
    expect(errors.username).toMatch(/username/i);
    expect(errors.secret).toBe('Enter the password.');
    expect(validateConnectionForm(form({ authType: 'basic', username: 'a:b', secret: 'pw' }), fresh).username).toMatch(
      /colon/,
    );
  });

  it('refuses a token with whitespace and a password with a line break', () => {
    expect(validateConnectionForm(form({ authType: 'bearer', secret: 'abc def' }), fresh).secret).toMatch(/spaces/);
    expect(validateConnectionForm(form({ authType: 'basic', username: 'u', secret: 'a\nb' }), fresh).secret).toMatch(
      /line breaks/,
    );
  });

  it('refuses control characters in a password, and anything but visible ASCII in a token, without echoing it', () => {
    for (const secret of ['a\rb', 'a\u0000b', 'a\tb', 'a\u007fb']) {
      const message = validateConnectionForm(form({ authType: 'basic', username: 'u', secret }), fresh).secret;
      expect(message, JSON.stringify(secret)).toMatch(/control characters/);
      expect(message).not.toContain(secret);
    }
    for (const secret of ['tokén', 'a\u0000b', 'a\tb', 'tok\u00a0en']) {
      expect(
        validateConnectionForm(form({ authType: 'bearer', secret }), fresh).secret,
        JSON.stringify(secret),
      ).toMatch(/visible ASCII/);
    }
    expect(validateConnectionForm(form({ authType: 'basic', username: 'u', secret: 'pass phrase é' }), fresh)).toEqual(
      {},
    );
    expect(validateConnectionForm(form({ authType: 'bearer', secret: 'eyJh.b-c_d~e+f/g==' }), fresh)).toEqual({});
  });
});

describe('connection form secrets', () => {
  it('starts an edit with an empty secret field, never the stored secret', () => {
    expect(connectionFormFrom(stored).secret).toBe('');
  });

  it('keeps the stored secret when the field is left blank', () => {
    const values = connectionFormFrom(stored);
    expect(secretRequired(values, editing)).toBe(false);
    expect(validateConnectionForm(values, editing)).toEqual({});
    expect('secret' in toConnectionDraft(values, editing)).toBe(false);
  });

  it('replaces the stored secret with a newly typed one', () => {
    expect(toConnectionDraft({ ...connectionFormFrom(stored), secret: 'n3w' }, editing).secret).toBe('n3w');
  });

  it('removes the stored secret when asked', () => {
    const draft = toConnectionDraft({ ...connectionFormFrom(stored), removeSecret: true }, editing);
    expect(draft.secret).toBeNull();
  });

  it('deletes a secret that no longer has a use when auth becomes none', () => {
    const draft = toConnectionDraft({ ...connectionFormFrom(stored), authType: 'none' }, editing);
    expect(draft).toMatchObject({ auth: { type: 'none' }, secret: null });
  });

  it('does not reuse a stored password as a token: switching kind of secret needs a new one', () => {
    const values = { ...connectionFormFrom(stored), authType: 'bearer' as const };
    expect(secretRequired(values, editing)).toBe(true);
    expect(validateConnectionForm(values, editing).secret).toMatch(/^The sign-in method changed, so enter the token/);
  });

  it.each([
    ['address', { url: 'https://mlflow.attacker.example' }],
    ['address', { url: 'http://mlflow.example.com' }],
    ['address', { url: 'https://mlflow.example.com:8443' }],
    ['kind', { kind: 'prometheus' as const }],
    ['username', { username: 'mallory' }],
  ])('wants the password again, and says why, when the %s changes', (change, over) => {
    const values = { ...connectionFormFrom(stored), ...over };
    expect(secretChange(values, editing)).toBe(change);
    expect(secretRequired(values, editing)).toBe(true);
    const reason = secretReentryReason(values, editing);
    expect(reason).toMatch(/enter the password/);
    expect(validateConnectionForm(values, editing).secret).toBe(reason);
    // Typed again, it is sent with the change; removed instead, the draft says so.
    expect(validateConnectionForm({ ...values, secret: 'n3w' }, editing)).toEqual({});
    expect(toConnectionDraft({ ...values, secret: 'n3w' }, editing).secret).toBe('n3w');
    expect(validateConnectionForm({ ...values, removeSecret: true }, editing)).toEqual({});
    expect(toConnectionDraft({ ...values, removeSecret: true }, editing).secret).toBeNull();
  });

  it('keeps the stored secret for a new name or path on the same server', () => {
    const values = { ...connectionFormFrom(stored), name: 'Renamed', url: 'https://MLflow.example.com:443/mlflow' };
    expect(secretChange(values, editing)).toBeNull();
    expect(secretReentryReason(values, editing)).toBeNull();
    expect(secretRequired(values, editing)).toBe(false);
    expect('secret' in toConnectionDraft(values, editing)).toBe(false);
  });

  it('gives no re-entry reason when authentication is turned off or there is nothing stored', () => {
    const moved = { ...connectionFormFrom(stored), url: 'https://elsewhere.example.com' };
    expect(secretReentryReason({ ...moved, authType: 'none' }, editing)).toBeNull();
    const noSecret = connectionFormContext({ ...stored, hasSecret: false }, [stored]);
    expect(secretReentryReason(moved, noSecret)).toBeNull();
    expect(validateConnectionForm(moved, noSecret).secret).toBe('Enter the password.');
  });

  it('never sends auth or a secret for a workspace folder', () => {
    const draft = toConnectionDraft(form({ kind: 'workspace', url: '/srv/m', authType: 'bearer', secret: 't' }), fresh);
    expect(draft.auth).toEqual({ type: 'none' });
    expect('secret' in draft).toBe(false);
  });

  it('never sends auth or a secret for a private Sigstore trusted root, and drops one stored by mistake', () => {
    const values = form({
      kind: 'sigstore',
      url: ' /etc/sigstore/trusted_root.json ',
      authType: 'basic',
      username: 'u',
      secret: 'pw',
    });
    expect(validateConnectionForm(values, fresh)).toEqual({});
    expect(connectionWarnings({ ...values, url: 'http://x' })).toEqual([]);
    const draft = toConnectionDraft(values, fresh);
    expect(ConnectionDraft.parse(draft)).toEqual({
      name: 'New',
      kind: 'sigstore',
      url: '/etc/sigstore/trusted_root.json',
      auth: { type: 'none' },
    });
    expect(toConnectionDraft({ ...values, id: 'c1' }, editing).secret).toBeNull();
  });

  it('produces drafts the contract accepts, trimmed', () => {
    const draft = toConnectionDraft(
      form({ name: ' A ', url: ' https://x.example ', authType: 'basic', username: ' u ', secret: 'pw' }),
      fresh,
    );
    expect(ConnectionDraft.parse(draft)).toEqual({
      name: 'A',
      kind: 'mlflow',
      url: 'https://x.example',
      auth: { type: 'basic', username: 'u' },
      secret: 'pw',
    });
    expect(toConnectionDraft(connectionFormFrom(stored), editing).id).toBe('c1');
  });
});

describe('connection form warnings', () => {
  it('warns when a secret would travel over plain http to another machine, not to loopback', () => {
    expect(connectionWarnings(form({ url: 'http://mlflow.corp', authType: 'bearer' }))).toHaveLength(1);
    expect(connectionWarnings(form({ url: 'http://127.0.0.1:5000', authType: 'bearer' }))).toEqual([]);
    expect(connectionWarnings(form({ url: 'http://mlflow.corp', authType: 'none' }))).toEqual([]);
  });
});
