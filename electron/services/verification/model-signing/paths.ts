// ---- SECURITY: path confinement ------------------------------------------------------
// Names in a signature and paths from the caller are untrusted. Nothing we hash, and
// nothing we report as "ours", may lie outside the model folder: no absolute names, no
// `..` segments. (Symbolic links are checked against the real folder in model-walk.ts.)
import path from 'node:path';

/** A signed name made canonical, or why it was refused. */
export type NameCheck = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Canonicalises a resource name the way the reference reads it (a POSIX path: repeated
 * and trailing slashes and `.` segments vanish; the empty name and `.` mean the model file
 * itself) and refuses names that could reach outside the model folder.
 */
export function checkSignedName(name: string): NameCheck {
  if (name.includes('\0')) return { ok: false, reason: 'The name contains a NUL character.' };
  if (name.startsWith('/')) return { ok: false, reason: 'The name is an absolute path, outside the model folder.' };
  if (process.platform === 'win32' && (name.includes('\\') || /^[a-zA-Z]:/.test(name))) {
    return { ok: false, reason: 'The name uses a Windows path form that could leave the model folder.' };
  }
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) return { ok: false, reason: "The name contains '..', which would leave the model folder." };
  return { ok: true, path: parts.length === 0 ? '.' : parts.join('/') };
}

/**
 * An ignore path made relative to the model root (POSIX separators), or null when it
 * points outside the root (such entries are dropped, as the reference drops them) or IS
 * the root. Relative paths are taken relative to the root; absolute ones must lie inside it.
 */
export function toRootRelative(ignorePath: string, root: string): string | null {
  if (ignorePath.includes('\0')) return null;
  const absolute = path.resolve(root, ignorePath);
  const rel = path.relative(root, absolute);
  // "", ".", "./", "sub/.." or the root's own path would ignore the whole model, and an
  // untrusted signature could then "verify" any folder; such an entry is dropped.
  if (rel === '') return null;
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

/**
 * True when `rel` is one of `ignores` or lies under one of them (whole segments only). An
 * entry naming the root itself ('' or '.') matches nothing: see {@link toRootRelative}.
 */
export function isIgnored(rel: string, ignores: readonly string[]): boolean {
  return ignores.some((ig) => ig !== '' && ig !== '.' && (rel === ig || rel.startsWith(`${ig}/`)));
}

/** True when the real path `target` is `root` or inside it. Both must be realpaths. */
export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

/**
 * Orders relative paths as Python's PurePosixPath does (segment by segment, code point by
 * code point), which fixes the order of resources in a signature we produce.
 */
export function comparePaths(a: string, b: string): number {
  const pa = a.split('/');
  const pb = b.split('/');
  const n = Math.min(pa.length, pb.length);
  for (let i = 0; i < n; i += 1) {
    const c = compareCodePoints(pa[i] ?? '', pb[i] ?? '');
    if (c !== 0) return c;
  }
  return pa.length - pb.length;
}

function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const ca = [...a];
  const cb = [...b];
  const n = Math.min(ca.length, cb.length);
  for (let i = 0; i < n; i += 1) {
    const d = (ca[i]?.codePointAt(0) ?? 0) - (cb[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return ca.length - cb.length;
}
