// What "test this connection" means for a private Sigstore deployment: its trusted root
// file still reads and parses as one, the same check verification runs before trusting it.
import { readTrustedRootFile } from '../verification/sigstore/trusted-root-file.ts';

function countOf(root: unknown, key: string): number {
  if (typeof root !== 'object' || root === null) return 0;
  const list = (root as Record<string, unknown>)[key];
  return Array.isArray(list) ? list.length : 0;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Reads and checks the trusted_root.json at `filePath` and describes what it holds, for
 * the connection test's detail. Throws NOT_FOUND when the file cannot be read and
 * TRUSTED_ROOT_INVALID when it is not a usable trusted root.
 */
export async function probeTrustedRoot(filePath: string): Promise<{ detail: string; serverVersion: null }> {
  const root = await readTrustedRootFile(filePath);
  const cas = plural(countOf(root, 'certificateAuthorities'), 'certificate authority', 'certificate authorities');
  const tlogs = plural(countOf(root, 'tlogs'), 'transparency log', 'transparency logs');
  const tsas = plural(countOf(root, 'timestampAuthorities'), 'timestamp authority', 'timestamp authorities');
  return { detail: `Trusted root with ${cas}, ${tlogs}, ${tsas}.`, serverVersion: null };
}
