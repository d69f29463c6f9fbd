// Debian's Chromium driven by playwright-core (Playwright's own browser download cannot
// work here). The flags keep Chromium off the network it cannot reach.
import { chromium, type Browser } from 'playwright-core';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env['COUNTERSIGN_CHROMIUM'] ?? '/usr/bin/chromium';

/** Launches headless Chromium; throws a clear error when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run \`bash scripts/setup.sh --test\`.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
