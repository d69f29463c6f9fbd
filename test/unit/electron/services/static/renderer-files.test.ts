import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRendererPath } from '../../../../../electron/services/static/renderer-files.ts';

const root = path.resolve('/srv/app/dist/renderer');

describe('mapping app:// paths to renderer files', () => {
  it('serves index.html for / and for client-side routes', () => {
    for (const p of ['', '/', '/models/fraud-scorer', '/review']) {
      expect(resolveRendererPath(root, p)).toEqual({
        ok: true,
        filePath: path.join(root, 'index.html'),
        contentType: 'text/html; charset=utf-8',
      });
    }
  });

  it('serves allow-listed files inside the folder with their type', () => {
    expect(resolveRendererPath(root, '/assets/index-3f2a.js')).toEqual({
      ok: true,
      filePath: path.join(root, 'assets', 'index-3f2a.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveRendererPath(root, '/assets/roboto.woff2')).toMatchObject({ ok: true, contentType: 'font/woff2' });
  });

  it.each([
    '/../secret.js',
    '/assets/../../secret.js',
    '/..',
    '/./index.html',
    '/.env.js',
    '/assets/.hidden.js',
  ])('refuses dot segments and hidden files: %s', (p) => {
    expect(resolveRendererPath(root, p)).toMatchObject({ ok: false, status: 400 });
  });

  it.each([
    '/%2e%2e/secret.js',
    '/%2E%2E/secret.js',
    '/assets%2f..%2f..%2fsecret.js',
    '/..%5csecret.js',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.js',
    '/index.html%00.js',
  ])('refuses percent-encoded traversal: %s', (p) => {
    expect(resolveRendererPath(root, p)).toMatchObject({ ok: false, status: 400 });
  });

  it.each([
    '//etc/passwd.js',
    '/C:/Windows/win.ini.js',
    '/\\\\server\\share\\x.js',
    '/assets\\..\\..\\secret.js',
    'etc/passwd.js',
  ])('refuses absolute, drive, UNC and backslash paths: %s', (p) => {
    expect(resolveRendererPath(root, p)).toMatchObject({ ok: false, status: 400 });
  });

  it.each(['/index.php', '/main.js.map', '/app.exe', '/notes.txt', '/a.node'])(
    'refuses file types the renderer is not made of: %s',
    (p) => {
      expect(resolveRendererPath(root, p)).toMatchObject({ ok: false, status: 404 });
    },
  );
});
