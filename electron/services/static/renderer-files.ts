// =====================================================================================
// SECURITY: maps a request path (app:// in Electron, the preview's http://127.0.0.1) to a
// file of the built renderer, and nothing else. The path grammar is an allow-list (plain
// segments of [A-Za-z0-9._-], none starting with a dot), so `..`, encoded anything (`%2e`, `%2f`, `%5c`), backslashes,
// drive letters and absolute paths are refused before the file system is touched; the
// resolved path is then checked to be inside the root as a second, independent guard.
// =====================================================================================
import { lstat } from 'node:fs/promises';
import path from 'node:path';

const HTML = 'text/html; charset=utf-8';

/** The file types the built renderer is made of, with the type each is served as. */
export const RENDERER_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': HTML,
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** The page served for `/` and for client-side routes (extension-less paths). */
export const RENDERER_INDEX = 'index.html';

const SEGMENT = '[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}';
const SAFE_PATH = new RegExp(`^(?:/${SEGMENT}){1,16}$`);

/** Where a request path leads: a file to read, or a refusal with the HTTP status to send. */
export type RendererFile =
  | { ok: true; filePath: string; contentType: string }
  | { ok: false; status: 400 | 404; reason: string };

/**
 * Resolves the raw (still percent-encoded) `pathname` of a request URL against `root`,
 * the built renderer folder. Pure: it does not touch the disk (see
 * {@link resolveExistingRendererFile}). Never throws.
 */
export function resolveRendererPath(root: string, pathname: string): RendererFile {
  if (pathname === '' || pathname === '/') return indexOf(root);
  if (!SAFE_PATH.test(pathname)) {
    return { ok: false, status: 400, reason: 'path outside the allowed grammar' };
  }
  const segments = pathname.slice(1).split('/');
  const last = segments[segments.length - 1] ?? '';
  const ext = path.extname(last).toLowerCase();
  if (ext === '') {
    // A client-side route such as /models/fraud-scorer: the single-page app handles it.
    return indexOf(root);
  }
  const contentType = RENDERER_CONTENT_TYPES[ext];
  if (contentType === undefined) return { ok: false, status: 404, reason: `file type ${ext} is not served` };
  const resolvedRoot = path.resolve(root);
  const filePath = path.resolve(resolvedRoot, ...segments);
  const relative = path.relative(resolvedRoot, filePath);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return { ok: false, status: 400, reason: 'path escapes the renderer folder' };
  }
  return { ok: true, filePath, contentType };
}

/**
 * Like {@link resolveRendererPath}, and then checks that the file exists and is a
 * regular file (not a folder, not a symbolic link that could point anywhere).
 */
export async function resolveExistingRendererFile(root: string, pathname: string): Promise<RendererFile> {
  const resolved = resolveRendererPath(root, pathname);
  if (!resolved.ok) return resolved;
  try {
    const stat = await lstat(resolved.filePath);
    if (!stat.isFile()) return { ok: false, status: 404, reason: 'not a regular file' };
  } catch {
    return { ok: false, status: 404, reason: 'no such file' };
  }
  return resolved;
}

function indexOf(root: string): RendererFile {
  return { ok: true, filePath: path.join(path.resolve(root), RENDERER_INDEX), contentType: HTML };
}
