import { app, session } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  ALLOWED_PERMISSIONS,
  setupCertificatePolicy,
  setupSessionPolicy,
} from '../../../../../electron/main/security/session-policy.ts';
import { FakeWebContents, fake, makeEvent } from '../../../../support/electron/fake.ts';

const OURS = 'app://countersign/index.html';

function request(permission: string, requestingUrl = OURS, isMainFrame = true): boolean | undefined {
  let answer: boolean | undefined;
  const handler = fake.session.permissionRequestHandler as unknown as (
    wc: unknown,
    permission: string,
    cb: (granted: boolean) => void,
    details: unknown,
  ) => void;
  handler(new FakeWebContents(OURS), permission, (granted) => (answer = granted), { requestingUrl, isMainFrame });
  return answer;
}

function check(permission: string, origin = 'app://countersign', isMainFrame = true): boolean {
  const handler = fake.session.permissionCheckHandler as unknown as (
    wc: unknown,
    permission: string,
    origin: string,
    details: unknown,
  ) => boolean;
  return handler(new FakeWebContents(OURS), permission, origin, { isMainFrame, requestingUrl: origin });
}

describe('the session permission policy', () => {
  it('installs request, check and device handlers', () => {
    setupSessionPolicy(session.defaultSession);
    expect(fake.session.permissionRequestHandler).toBeTypeOf('function');
    expect(fake.session.permissionCheckHandler).toBeTypeOf('function');
    expect(fake.session.devicePermissionHandler).toBeTypeOf('function');
  });

  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'display-capture',
    'fullscreen',
    'openExternal',
    'hid',
    'usb',
    'serial',
    'midiSysex',
    'pointerLock',
    'fileSystem',
    'unknown',
  ])('denies %s, even to our own origin', (permission) => {
    setupSessionPolicy(session.defaultSession);
    expect(request(permission)).toBe(false);
    expect(check(permission)).toBe(false);
  });

  it('allows only clipboard writing, and only to our origin in the top frame', () => {
    setupSessionPolicy(session.defaultSession);
    expect(ALLOWED_PERMISSIONS).toEqual(['clipboard-sanitized-write']);
    expect(request('clipboard-sanitized-write')).toBe(true);
    expect(check('clipboard-sanitized-write')).toBe(true);
    expect(request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(request('clipboard-sanitized-write', OURS, false)).toBe(false);
    expect(check('clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(check('clipboard-sanitized-write', 'app://countersign', false)).toBe(false);
  });

  it('denies every HID, USB and serial device', () => {
    setupSessionPolicy(session.defaultSession);
    const handler = fake.session.devicePermissionHandler as unknown as (details: unknown) => boolean;
    expect(handler({ deviceType: 'usb', origin: 'app://countersign', device: {} })).toBe(false);
  });

  it('leaves proxy settings and downloads alone', () => {
    setupSessionPolicy(session.defaultSession);
    expect(fake.callNames()).not.toContain('session.setProxy');
    expect(fake.session.listenerCount('will-download')).toBe(0);
  });
});

describe('the certificate policy', () => {
  it('never trusts a certificate that failed verification', () => {
    setupCertificatePolicy();
    const answers: boolean[] = [];
    const event = makeEvent();
    app.emit('certificate-error', event, new FakeWebContents(), 'https://mlflow.internal/', 'net::ERR_CERT_AUTHORITY_INVALID', {}, (trusted: boolean) => answers.push(trusted), true);
    // Handled explicitly (so Electron's default does not run) and answered with a refusal.
    expect(event.defaultPrevented).toBe(true);
    expect(answers).toEqual([false]);
  });
});
