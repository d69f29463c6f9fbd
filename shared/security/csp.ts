/**
 * SECURITY: the Content-Security-Policy of every page Countersign serves, from the app://
 * protocol handler in Electron and from the preview server alike. No remote code, no
 * inline scripts, no plugins, no framing; `connect-src 'self'` keeps the renderer talking
 * only to its own origin (app:// in Electron, the preview's loopback origin in a browser).
 * `style-src 'unsafe-inline'` is required by MUI's emotion runtime, which injects <style>
 * tags; scripts stay strictly 'self'.
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
