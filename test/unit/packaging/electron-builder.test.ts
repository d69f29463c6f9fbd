// Holds electron-builder.yml to the packaging rules of the design: what ships, what is
// unpacked, which fuses are flipped, which targets are built. The file is also run
// through electron-builder's own configuration validator, so a misspelt key fails here
// rather than being silently ignored at release time.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/peers.ts';

const require = createRequire(import.meta.url);
const config = parse(readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const files = config['files'] as string[];
const includes = files.filter((f) => !f.startsWith('!'));

type Validate = (config: unknown, logger: unknown) => Promise<void>;
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration: Validate };
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

describe('electron-builder.yml', () => {
  it('is valid for electron-builder 26 (no unknown or misspelt keys)', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validator does catch a misspelt fuse (so the test above means something)', async () => {
    const fuses = { ...(config['electronFuses'] as object), runAsnode: false };
    await expect(validateConfiguration({ ...config, electronFuses: fuses }, new DebugLogger(false))).rejects.toThrow(
      /electronFuses/,
    );
  });

  it('names the app', () => {
    expect(config['appId']).toBe('dev.countersign.app');
    expect(config['productName']).toBe('Countersign');
  });

  it('ships only the build output, package.json and the keychain binding', () => {
    for (const dir of ['main', 'preload', 'workers', 'cli', 'renderer']) expect(includes).toContain(`dist/${dir}/**`);
    expect(includes).toContain('package.json');
    for (const pattern of includes) {
      expect(pattern, pattern).toMatch(/^(package\.json|dist\/(main|preload|workers|cli|renderer)\/\*\*|node_modules\/@github\/keytar\/)/);
    }
  });

  it('never ships the sources, the preview transport or the tests', () => {
    expect(includes.some((p) => /^(electron|test|renderer|shared|scripts)\b/.test(p))).toBe(false);
    expect(files).toEqual(expect.arrayContaining(['!electron{,/**}', '!**/preview{,/**}', '!test{,/**}']));
    expect(files.includes('**/*') || files.includes('**')).toBe(false);
  });

  it('packs the app into an asar with the keytar binding unpacked', () => {
    expect(config['asar']).toBe(true);
    expect(config['asarUnpack']).toEqual(['node_modules/@github/keytar/**/*.node']);
  });

  it('flips the security fuses', () => {
    expect(config['electronFuses']).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds AppImage and deb on Linux, a hardened-runtime dmg on macOS, NSIS on Windows', () => {
    const linux = config['linux'] as { target: string[]; maintainer?: string };
    expect(linux.target).toEqual(['AppImage', 'deb']);
    expect(linux.maintainer).toMatch(/<.+@.+>/); // the deb needs one; package.json has no author
    expect(config['mac']).toMatchObject({ target: 'dmg', hardenedRuntime: true });
    expect(config['win']).toMatchObject({ target: 'nsis' });
    expect((config['deb'] as { depends: string[] }).depends).toContain('libsecret-1-0');
  });

  it('never publishes implicitly', () => {
    expect(config['publish']).toBeNull();
  });

  it('has an icon: an SVG source and a 512x512 RGBA PNG', () => {
    const icon = path.join(REPO_ROOT, config['icon'] as string);
    expect(existsSync(path.join(REPO_ROOT, 'assets/icons/icon.svg'))).toBe(true);
    const png = readFileSync(icon);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([512, 512, 8, 6]);
    // The image data inflates to exactly 512 rows of 1 + 512*4 bytes, and is not blank.
    const idat = png.indexOf('IDAT');
    const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
    expect(raw.length).toBe(512 * (1 + 512 * 4));
    expect(new Set(raw).size).toBeGreaterThan(10);
  });
});
