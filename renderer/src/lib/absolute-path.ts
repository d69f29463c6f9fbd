/**
 * True for a full path on any desktop platform: `/…` (macOS, Linux), `C:\…` or `C:/…`, or a
 * UNC path `\\server\…`. The renderer has no `node:path`, and the path may belong to
 * another OS than the one the browser reports.
 */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}
