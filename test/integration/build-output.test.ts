// The bundles that the packaged app ships (built by scripts/build.ts, which npm test runs
// first): each runtime is where electron-builder.yml and package.json expect it, the
// sandboxed preload is self-contained, and the bundled CLI and workers really verify.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ModelVerifierWorker } from '../../electron/services/verification/model-signing/model-verifier-worker.ts';
import { REPO_ROOT, requireFixture } from '../support/peers.ts';
import { makeTempDir } from '../support/temp-dir.ts';

const run = promisify(execFile);
const dist = (...p: string[]): string => path.join(REPO_ROOT, 'dist', ...p);
// Removed after the file's last test; every CLI run below is awaited, so no child outlives it.
const tmp = makeTempDir('cs-build');

function requireBuilt(file: string): string {
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`node scripts/build.ts\` (npm test does).`);
  return file;
}

describe('the build output', () => {
  it('puts main where package.json points', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string };
    requireBuilt(path.join(REPO_ROOT, pkg.main));
  });

  it('makes the preload one CommonJS file that requires nothing but electron', () => {
    const preload = readFileSync(requireBuilt(dist('preload', 'preload.cjs')), 'utf8');
    const required = [...preload.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect(preload).toContain('exposeInMainWorld');
  });

  it('serves a renderer whose HTML has no inline script', () => {
    const html = readFileSync(requireBuilt(dist('renderer', 'index.html')), 'utf8');
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(m[1]).toMatch(/\bsrc=/);
      expect(m[2]?.trim()).toBe('');
    }
  });

  it('ships a CLI and hash worker that verify a reference-signed model, and catch a changed byte', async () => {
    const fixtures = requireFixture('model-signing');
    const model = path.join(tmp, 'model');
    cpSync(path.join(fixtures, 'v1.1.0-elliptic-key'), model, { recursive: true });
    const args = [
      requireBuilt(dist('cli', 'countersign.mjs')),
      'verify-model',
      model,
      '--signature',
      path.join(model, 'model.sig'),
      '--public-key',
      path.join(fixtures, 'keys', 'signing-key-pub.pem'),
      '--ignore-paths',
      'ignore-me',
      '--json',
    ];
    requireBuilt(dist('workers', 'hash-worker.mjs'));
    const ok = await run(process.execPath, args, { timeout: 60_000 });
    expect(JSON.parse(ok.stdout).verified).toBe(true);

    writeFileSync(path.join(model, 'signme-1'), 'tampered');
    const failed = await run(process.execPath, args, { timeout: 60_000 }).then(
      () => null,
      (e: { code: number; stdout: string }) => e,
    );
    expect(failed?.code).toBe(1);
    const report = JSON.parse(failed!.stdout) as { files: Array<{ path: string; status: string }> };
    expect(report.files.find((f) => f.path === 'signme-1')?.status).toBe('modified');
  });

  it('ships a model-verify worker that finds its bundled hash and bundle workers and verifies', async () => {
    const fixtures = requireFixture('model-signing');
    const model = path.join(fixtures, 'v1.1.0-elliptic-key');
    const verifier = new ModelVerifierWorker({ workerUrl: pathToFileURL(requireBuilt(dist('workers', 'model-verify-worker.mjs'))) });
    try {
      const report = await verifier.verify({
        modelPath: model,
        policy: { mode: 'public-key', publicKeyPem: readFileSync(path.join(fixtures, 'keys', 'signing-key-pub.pem'), 'utf8') },
        ignorePaths: ['ignore-me'],
      });
      expect(report).toMatchObject({ verified: true, failure: null, signer: { mode: 'public-key' } });
    } finally {
      await verifier.dispose();
    }
  });
});
