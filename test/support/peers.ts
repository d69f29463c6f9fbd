// Real peers (MLflow, Prometheus, Alertmanager, the reference model signer, the OS keychain)
// are started by scripts/peers/start.sh, which exports their addresses. A test that needs
// one that is absent fails loudly: it never passes, and never skips, silently.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared fixtures folder that sits beside the repository. */
export const SHARED_FIXTURES = path.resolve(REPO_ROOT, '..', 'shared', 'fixtures');

/**
 * Returns the value of `envVar`, which names a running peer, or throws an error that says
 * how to start it.
 */
export function requirePeer(envVar: string): string {
  const value = process.env[envVar];
  if (value === undefined || value === '') {
    throw new Error(
      `Peer not running: ${envVar} is not set. Start the test peers with ` +
        '`bash scripts/peers/start.sh` (npm test does this for you) and run the tests in its environment.',
    );
  }
  return value;
}

/** Path to a fixture folder under ../shared/fixtures, or a loud error when it is absent. */
export function requireFixture(...parts: string[]): string {
  const dir = path.join(SHARED_FIXTURES, ...parts);
  if (!existsSync(dir)) {
    throw new Error(`Fixture folder missing: ${dir}. The external test vectors live in ../shared beside the repo.`);
  }
  return dir;
}
