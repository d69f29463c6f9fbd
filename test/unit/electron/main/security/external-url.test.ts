import { describe, expect, it } from 'vitest';
import { checkExternalUrl, createOpenExternal } from '../../../../../electron/main/security/external-url.ts';
import { fake } from '../../../../support/electron/fake.ts';

describe('checkExternalUrl', () => {
  it('accepts an https URL and returns its normalised form', () => {
    expect(checkExternalUrl('https://mlflow.org/docs/latest/')).toEqual({ ok: true, url: 'https://mlflow.org/docs/latest/' });
    expect(checkExternalUrl('HTTPS://Example.COM/a b')).toEqual({ ok: true, url: 'https://example.com/a%20b' });
  });

  it.each([
    ['http://example.com/', /scheme http:/],
    ['javascript:alert(1)', /scheme javascript:/],
    ['file:///etc/passwd', /scheme file:/],
    ['smb://host/share', /scheme smb:/],
    ['data:text/html,hi', /scheme data:/],
    ['app://countersign/index.html', /scheme app:/],
    ['https://user:pass@example.com/', /credentials/],
    ['https://token@example.com/', /credentials/],
    ['not a url', /not a URL/],
    ['', /empty/],
    [`https://example.com/${'a'.repeat(5000)}`, /too long/],
  ])('refuses %s', (url, reason) => {
    const verdict = checkExternalUrl(url);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it('keeps to the host allow-list when one is given', () => {
    const allowHosts = ['docs.countersign.dev'];
    expect(checkExternalUrl('https://docs.countersign.dev/x', { allowHosts }).ok).toBe(true);
    expect(checkExternalUrl('https://evil.example/x', { allowHosts }).ok).toBe(false);
    expect(checkExternalUrl('https://docs.countersign.dev.evil.example/', { allowHosts }).ok).toBe(false);
  });
});

describe('openExternal, as handed to the services', () => {
  it('opens a checked https URL in the system browser', async () => {
    const open = createOpenExternal();
    await expect(open('https://example.com/runbook')).resolves.toBe(true);
    expect(fake.state.openedExternal).toEqual(['https://example.com/runbook']);
  });

  it('never hands a refused URL to the OS', async () => {
    const reasons: unknown[] = [];
    const open = createOpenExternal({ log: (_m, d) => reasons.push(d['reason']) });
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'http://example.com', 'https://u:p@example.com']) {
      await expect(open(url)).resolves.toBe(false);
    }
    expect(fake.callNames()).not.toContain('shell.openExternal');
    expect(reasons).toHaveLength(4);
  });

  it('resolves false when the OS cannot open the URL', async () => {
    fake.state.openExternalError = new Error('no browser');
    await expect(createOpenExternal()('https://example.com/')).resolves.toBe(false);
  });
});
