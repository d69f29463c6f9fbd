// Contract implementations for tests of the IPC wiring: every channel refuses with
// NOT_AVAILABLE unless the test gives it a body, so a call that reaches the wrong
// channel is visible rather than silently answered.
import type { Implementations } from '../../../shared/contract/dispatch.ts';
import { CHANNEL_NAMES } from '../../../shared/contract/channels.ts';
import { AppError } from '../../../shared/errors.ts';

/** A full {@link Implementations} object with `overrides` for the channels under test. */
export function implementationsWith(overrides: Partial<Implementations> = {}): Implementations {
  const impl: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of CHANNEL_NAMES) {
    impl[name] = async () => {
      throw new AppError('NOT_AVAILABLE', `${name} is not part of this test`);
    };
  }
  return { ...(impl as unknown as Implementations), ...overrides };
}
