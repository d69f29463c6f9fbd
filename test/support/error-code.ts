/**
 * Runs `fn` and returns the `code` of what it throws (an AppError's stable code), or
 * undefined when it returns normally. Tests assert on codes, never on message text.
 */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}
