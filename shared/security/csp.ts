// =====================================================================================
// SECURITY: the Content-Security-Policy and headers of every page Countersign serves, from
// the app:// protocol handler in Electron and from the preview server alike. It is the last
// line of defence should untrusted text (a model card, a registry description) ever reach
// the DOM as markup: no inline or remote script, no plugins, no frames, no forms, no <base>,
// and the page may only talk to its own origin.
// =====================================================================================

/**
 * The exact CSP header value. `style-src` allows 'unsafe-inline' because MUI's emotion
 * engine injects <style> elements at run time and recharts sets inline `style`
 * attributes; a nonce would cover the first but not the second (attributes need
 * 'unsafe-hashes' per value), and inline styles cannot run script. Scripts stay 'self'.
 * `connect-src 'self'` is app:// in Electron and the preview's loopback origin in a browser.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Headers sent with every response, success or error. Besides the CSP: no MIME sniffing
 * (a .js must be served as JavaScript because we said so), no referrer leaves the app, and
 * the page gets its own browsing-context group.
 */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
