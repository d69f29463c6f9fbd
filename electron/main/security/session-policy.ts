// =====================================================================================
// SECURITY: what the page may ask of the browser. Every permission (camera, microphone,
// geolocation, notifications, HID/USB/serial, clipboard read, ...) is denied unless it
// is on the allow-list below, asked by our own origin. TLS certificate errors are never
// overridden: a bad certificate is a failed load, not a question.
// =====================================================================================
import { app, type Session } from 'electron';
import { isAppUrl } from '../app-origin.ts';

/**
 * The only permission granted, and only to app://countersign: writing plain text to the
 * clipboard, so a reviewer can copy a digest, a version id or a signer identity. Reading
 * the clipboard is not granted.
 */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

/** Where denied requests are reported. */
export type PolicyLog = (message: string, details: Record<string, unknown>) => void;

/**
 * The verdict for a permission request or check: allow-listed, and asked by our origin
 * (`origin` may be an origin, as checks report it, or a full URL, as requests do).
 */
export function isPermissionAllowed(permission: string, origin: string): boolean {
  return ALLOWED_PERMISSIONS.includes(permission) && isAppUrl(origin);
}

/**
 * Installs deny-by-default permission request, check and device handlers on `session`.
 * Proxy settings and downloads are left alone on purpose.
 */
export function setupSessionPolicy(session: Session, log: PolicyLog = () => {}): void {
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const origin = details.requestingUrl;
    const allowed = isPermissionAllowed(permission, origin) && details.isMainFrame;
    if (!allowed) log('denied permission request', { permission, id: webContents.id });
    callback(allowed);
  });
  session.setPermissionCheckHandler(
    (_webContents, permission, requestingOrigin, details) =>
      details.isMainFrame && isPermissionAllowed(permission, requestingOrigin),
  );
  // WebHID, WebUSB and Web Serial devices: never.
  session.setDevicePermissionHandler(() => false);
}

/**
 * Makes sure no TLS certificate error is ever trusted. Electron's default already
 * refuses; this handler takes the decision explicitly (preventDefault, then
 * `callback(false)`) so that it stays a refusal whatever else is added later, and logs it.
 */
export function setupCertificatePolicy(log: PolicyLog = () => {}): void {
  app.on('certificate-error', (event, _webContents, url, error, _certificate, callback) => {
    event.preventDefault();
    log('refused a TLS certificate', { error, host: hostOf(url) });
    callback(false);
  });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unparsable)';
  }
}
