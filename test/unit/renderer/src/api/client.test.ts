import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../../renderer/src/api/client.ts';
import { CountersignError } from '../../../../../renderer/src/api/countersign-error.ts';

async function rejection(promise: Promise<unknown>): Promise<CountersignError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CountersignError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('unwrap', () => {
  it('returns the data of a successful envelope', async () => {
    await expect(unwrap(Promise.resolve({ ok: true, data: { removed: true } }))).resolves.toEqual({ removed: true });
  });

  it('throws a CountersignError that keeps the code and message of a failed envelope', async () => {
    const error = await rejection(
      unwrap(Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: 'No such profile' } })),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('No such profile');
  });

  it('turns an unknown error code into INTERNAL but keeps the message', async () => {
    const error = await rejection(
      unwrap(Promise.resolve({ ok: false, error: { code: 'NEWER_CODE', message: 'from a newer main' } }) as never),
    );
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('from a newer main');
  });

  it('refuses something that is not an envelope', async () => {
    const error = await rejection(unwrap(Promise.resolve({ data: 1 }) as never));
    expect(error.code).toBe('INTERNAL');
  });
});
