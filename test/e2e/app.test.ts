// The app as a user meets it: Debian's Chromium against the preview transport, with the
// real services behind it (settings on disk, secrets in the real gnome-keyring, a real
// MLflow with basic auth).
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { REPO_ROOT, requirePeer } from '../support/peers.ts';
import { startPreview, type RunningPreview } from '../support/preview.ts';

const keytar = createRequire(import.meta.url)('@github/keytar') as {
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
  deletePassword(service: string, account: string): Promise<boolean>;
};

const SHOTS = path.join(REPO_ROOT, 'test-results');
let preview: RunningPreview;
let browser: Browser;
let page: Page;
const responses: Array<{ url: string; body: string }> = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  preview = await startPreview();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  page.on('response', (res) => {
    if (res.url().includes('/api/rpc/')) {
      void res.text().then(
        (body) => responses.push({ url: res.url(), body }),
        () => {},
      );
    }
  });
  await page.goto(preview.url);
});

afterAll(async () => {
  await browser?.close();
  if (preview) {
    for (const c of await keytar.findCredentials(preview.keychainService)) {
      await keytar.deletePassword(preview.keychainService, c.account);
    }
    await preview.stop();
  }
});

describe('the app frame', () => {
  it('renders the shell with every section and strips the token from the address bar', async () => {
    const nav = page.getByRole('navigation');
    for (const name of ['Inbox', 'Models', 'Monitors', 'Incidents', 'Audit', 'Settings']) {
      await expect.poll(() => nav.getByRole('link', { name }).or(nav.getByRole('button', { name })).count()).toBeGreaterThan(0);
    }
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Inbox');
    expect(page.url()).not.toContain('token=');
    await page.screenshot({ path: path.join(SHOTS, 'frame.png') });
  });

  it('navigates with the mouse and with the keyboard', async () => {
    const nav = page.getByRole('navigation');
    await nav.getByText('Monitors', { exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Monitors');
    await page.keyboard.press('Control+6');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings');
    await page.keyboard.press('Control+2');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Models');
  });

  it('shows versions in the About panel', async () => {
    await page.getByRole('button', { name: /about/i }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain(process.versions.node);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });
});

describe('signature trust', () => {
  it('says which Sigstore trusted root verification uses, offline by default', async () => {
    await page.keyboard.press('Control+6');
    const section = page.getByRole('region', { name: 'Signature trust' });
    await expect.poll(() => section.getByRole('status').textContent()).toContain('built into this version');
    expect(await section.getByRole('button', { name: 'Refresh from Sigstore' }).isEnabled()).toBe(true);
  });
});

describe('a connection with a secret', () => {
  const secret = requirePeer('COUNTERSIGN_TEST_MLFLOW_PASSWORD');
  const mlflowUrl = requirePeer('COUNTERSIGN_TEST_MLFLOW_URL');
  const user = requirePeer('COUNTERSIGN_TEST_MLFLOW_USER');

  it('is added through Settings, its secret going to the real keychain only', async () => {
    await page.keyboard.press('Control+6');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings');
    await page.getByRole('button', { name: 'Add connection' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Team MLflow');
    await dialog.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: /MLflow/ }).click();
    await dialog.getByRole('textbox', { name: 'URL', exact: true }).fill(mlflowUrl);
    await dialog.getByRole('radio', { name: 'Username and password' }).check();
    await dialog.getByRole('textbox', { name: 'Username', exact: true }).fill(user);
    await dialog.getByLabel(/^Password/).fill(secret);
    await dialog.getByRole('button', { name: 'Add connection' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => page.getByText('Secret stored in keychain').count()).toBe(1);

    // The real Secret Service holds it.
    const stored = await keytar.findCredentials(preview.keychainService);
    expect(stored.map((c) => c.password)).toContain(secret);

    // Nowhere else: not the settings file, not the DOM, not any response the renderer got.
    const files = readdirSync(preview.userDataDir, { recursive: true, encoding: 'utf8' });
    for (const f of files) {
      const full = path.join(preview.userDataDir, f);
      try {
        expect(readFileSync(full, 'utf8')).not.toContain(secret);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EISDIR') throw e;
      }
    }
    expect(readFileSync(path.join(preview.userDataDir, 'settings.json'), 'utf8')).toContain('Team MLflow');
    expect(await page.content()).not.toContain(secret);
    expect(responses.length).toBeGreaterThan(0);
    for (const r of responses) expect(r.body).not.toContain(secret);
    expect(preview.output()).not.toContain(secret);
    await page.screenshot({ path: path.join(SHOTS, 'connections.png') });
  });

  it('is tested against the real MLflow with the stored credentials', async () => {
    await page.getByRole('button', { name: 'Test Team MLflow' }).click();
    await expect.poll(() => page.getByText(/Reached Team MLflow in \d+ ms/).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.getByText(/server version 3\./).count()).toBe(1);
    expect(await page.content()).not.toContain(secret);
  });
});

describe('the preview transport', () => {
  it('answers 401 to a request without the token and changes nothing', async () => {
    const before = readFileSync(path.join(preview.userDataDir, 'settings.json'), 'utf8');
    const res = await fetch(`${preview.origin}/api/rpc/connections:save`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x', kind: 'prometheus', url: 'http://127.0.0.1:1', auth: { type: 'none' } }),
    });
    expect(res.status).toBe(401);
    expect(readFileSync(path.join(preview.userDataDir, 'settings.json'), 'utf8')).toBe(before);
  });
});
