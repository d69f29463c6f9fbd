// The "Verify a model" panel as a reviewer uses it: real model.sig files from the reference
// signer, re-hashed on this machine through the preview, with progress and cancellation.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, openSync, closeSync, ftruncateSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { REPO_ROOT, requireFixture } from '../support/peers.ts';
import { startPreview, type RunningPreview } from '../support/preview.ts';
import { makeTempDir } from '../support/temp-dir.ts';

const run = promisify(execFile);
const FIXTURES = requireFixture('model-signing');
let preview: RunningPreview;
let browser: Browser;
let page: Page;
let work: string;

beforeAll(async () => {
  work = makeTempDir('cs-e2e-models');
  preview = await startPreview();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(preview.url);
  await page.getByRole('navigation').waitFor();
  await page.keyboard.press('Control+2');
  await page.getByRole('heading', { level: 1, name: 'Models' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  // Stops the preview's child process; `work` goes after this hook (see temp-dir.ts).
  await preview?.stop();
});

async function verifyWithPublicKey(model: string, publicKeyPem: string, ignore: string[] = []): Promise<void> {
  const form = page.getByRole('form', { name: 'Verify a model' });
  await form.getByRole('textbox', { name: 'Model folder' }).fill(model);
  await form.getByRole('radio', { name: 'Public key' }).check();
  await form.getByRole('textbox', { name: 'Public key (PEM)' }).fill(publicKeyPem);
  await form.getByRole('textbox', { name: 'Ignore these paths (optional)' }).fill(ignore.join('\n'));
  await form.getByRole('button', { name: 'Verify' }).click();
}

describe('verifying a model in the app', () => {
  const publicKey = (): string => readFileSync(path.join(FIXTURES, 'keys/signing-key-pub.pem'), 'utf8');

  it('verifies a reference-signed model and names the signer', async () => {
    const model = path.join(work, 'good');
    cpSync(path.join(FIXTURES, 'v1.1.0-elliptic-key'), model, { recursive: true });
    await verifyWithPublicKey(model, publicKey(), ['ignore-me']);
    const result = page.getByRole('region', { name: 'Result' });
    await expect.poll(() => result.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/^Verified/);
    await expect.poll(() => result.getByRole('row').filter({ hasText: 'signme-1' }).textContent()).toMatch(/verified/i);
    await expect.poll(() => result.getByRole('table', { name: 'Signature details' }).textContent()).toContain('A public key named in the policy');
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'verify-ok.png') });
  });

  it('shows exactly which file differs when one byte changed', async () => {
    const model = path.join(work, 'tampered');
    cpSync(path.join(FIXTURES, 'v1.1.0-elliptic-key'), model, { recursive: true });
    const target = path.join(model, 'signme-2');
    const bytes = readFileSync(target);
    bytes[0] = (bytes[0] ?? 0) ^ 0x01;
    writeFileSync(target, bytes);
    await verifyWithPublicKey(model, publicKey(), ['ignore-me']);
    const result = page.getByRole('region', { name: 'Result' });
    await expect.poll(() => result.getByText('Not verified').count(), { timeout: 30_000 }).toBe(1);
    const row = result.getByRole('row').filter({ hasText: 'signme-2' });
    await expect.poll(() => row.textContent()).toMatch(/modified/i);
    const okRow = result.getByRole('row').filter({ hasText: 'signme-1' });
    await expect.poll(() => okRow.textContent()).toMatch(/verified/i);
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'verify-tampered.png') });
  });

  it('verifies a keyless signature against a private Sigstore root saved as a connection', async () => {
    const cases = JSON.parse(readFileSync(path.join(FIXTURES, 'cases.json'), 'utf8')) as {
      sigstoreIdentity: { identity: string; issuer: string };
    };
    // The deployment's root: here a copy of the public-good one, which issued the fixture's certificate.
    const rootFile = path.join(work, 'team-sigstore', 'trusted_root.json');
    mkdirSync(path.dirname(rootFile), { recursive: true });
    cpSync(path.join(REPO_ROOT, 'assets/trust/trusted_root.json'), rootFile);

    await page.keyboard.press('Control+6');
    await page.getByRole('button', { name: 'Add connection' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Team Sigstore');
    await dialog.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: /Private Sigstore/ }).click();
    await dialog.getByRole('textbox', { name: 'Trusted root file' }).fill(rootFile);
    await dialog.getByRole('button', { name: 'Add connection' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.getByRole('button', { name: 'Test Team Sigstore' }).click();
    await expect.poll(() => page.getByText(/Trusted root with \d+ certificate authorit/).count(), { timeout: 20_000 }).toBe(1);

    await page.keyboard.press('Control+2');
    const form = page.getByRole('form', { name: 'Verify a model' });
    await form.getByRole('textbox', { name: 'Model folder' }).fill(path.join(FIXTURES, 'v1.1.0-sigstore'));
    await form.getByRole('radio', { name: /keyless/ }).check();
    await form.getByRole('textbox', { name: 'Signer identity' }).fill(cases.sigstoreIdentity.identity);
    await form.getByRole('textbox', { name: 'Identity issuer' }).fill(cases.sigstoreIdentity.issuer);
    await form.getByRole('combobox', { name: 'Trusted root' }).click();
    await page.getByRole('option', { name: 'Team Sigstore' }).click();
    await form.getByRole('textbox', { name: 'Ignore these paths (optional)' }).fill('ignore-me');
    await form.getByRole('button', { name: 'Verify' }).click();
    const result = page.getByRole('region', { name: 'Result' });
    await expect.poll(() => result.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/^Verified/);
    await expect.poll(() => result.getByRole('table', { name: 'Signature details' }).textContent()).toContain(
      cases.sigstoreIdentity.identity,
    );
  });

  it('shows hashing progress and stops when the reviewer cancels', async () => {
    // A large, sparse model signed with our own sign-model, so hashing takes long enough to watch.
    const model = path.join(work, 'large');
    cpSync(path.join(FIXTURES, 'v1.1.0-elliptic-key'), model, { recursive: true });
    rmSync(path.join(model, 'model.sig'));
    for (const name of ['weights-a.bin', 'weights-b.bin']) {
      const fd = openSync(path.join(model, name), 'w');
      ftruncateSync(fd, 3 * 1024 ** 3);
      closeSync(fd);
    }
    const { privateKey, publicKey: pub } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keyFile = path.join(work, 'key.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await run(process.execPath, ['bin/countersign.js', 'sign-model', model, '--private-key', keyFile], {
      cwd: REPO_ROOT,
      timeout: 120_000,
    });

    await verifyWithPublicKey(model, pub.export({ type: 'spki', format: 'pem' }).toString());
    const progress = page.getByRole('progressbar', { name: 'Verification progress' });
    await expect.poll(() => progress.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'verify-progress.png') });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByText(/Verification cancelled/).count(), { timeout: 20_000 }).toBe(1);
    expect(await progress.count()).toBe(0);
  });
});
