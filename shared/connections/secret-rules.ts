// =====================================================================================
// SECURITY: what a connection secret may contain. It ends up in an HTTP header, so no
// control characters in any secret (a line break could inject another header), and a
// bearer token (sent as is, not base64-encoded) must be visible ASCII (RFC 6750's
// b64token is a subset). One rule for main, which enforces it, and the renderer's form,
// which says it first. Messages never repeat the secret.
// =====================================================================================

// Unicode's Cc category: C0 controls (NUL, tab, CR, LF, ...), DEL and the C1 controls.
const CONTROL_CHARACTER = /\p{Cc}/u;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * Why `secret` cannot be used with `authType`, in words for the user, or null when it
 * can. The reason never contains the secret.
 */
export function secretProblem(authType: 'basic' | 'bearer' | 'none', secret: string): string | null {
  if (authType === 'bearer') {
    return VISIBLE_ASCII.test(secret)
      ? null
      : 'A token can only contain visible ASCII characters: no spaces, line breaks, control characters or accented letters.';
  }
  return CONTROL_CHARACTER.test(secret)
    ? 'A password cannot contain line breaks, tabs or other control characters.'
    : null;
}
