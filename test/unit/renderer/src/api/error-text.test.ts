import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../../../shared/errors.ts';
import { CountersignError } from '../../../../../renderer/src/api/countersign-error.ts';
import { ERROR_TEXT, describeError, errorText } from '../../../../../renderer/src/api/error-text.ts';

describe('error text', () => {
  it.each(ERROR_CODES)('gives %s plain words, not the code itself', (code) => {
    const words = errorText(code);
    expect(words.title.length).toBeGreaterThan(15);
    expect(words.title).toMatch(/[.!]$/);
    expect(words.title).not.toContain(code);
    expect(words.title).not.toMatch(/[A-Z]{2,}_[A-Z]/);
    if (words.action !== null) expect(words.action).toMatch(/[.!]$/);
  });

  it('has words for exactly the codes in shared/errors.ts', () => {
    expect(Object.keys(ERROR_TEXT).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('gives each code its own words', () => {
    const titles = new Set(ERROR_CODES.map((c) => errorText(c).title));
    expect(titles.size).toBe(ERROR_CODES.length);
  });

  it('falls back to the internal-error words for a code this renderer does not know', () => {
    expect(errorText('SOMETHING_NEW')).toEqual(ERROR_TEXT.INTERNAL);
  });

  it('describes a CountersignError by its code and keeps the message as detail', () => {
    const described = describeError(new CountersignError('CONNECTION_AUTH_FAILED', 'HTTP 401 from https://mlflow'));
    expect(described.code).toBe('CONNECTION_AUTH_FAILED');
    expect(described.title).toBe(ERROR_TEXT.CONNECTION_AUTH_FAILED.title);
    expect(described.detail).toBe('HTTP 401 from https://mlflow');
  });

  it('describes any other thrown value as an internal error', () => {
    expect(describeError(new TypeError('x is undefined'))).toMatchObject({
      code: 'INTERNAL',
      detail: 'x is undefined',
    });
    expect(describeError('boom')).toMatchObject({ code: 'INTERNAL', detail: null });
  });
});
