import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl } from '../../../../electron/main/app-origin.ts';

describe('the app:// origin', () => {
  it('is app://countersign and the entry page is on it', () => {
    expect(APP_ORIGIN).toBe('app://countersign');
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://countersign')).toBe(true);
  });

  it.each([
    'https://countersign/index.html',
    'file:///index.html',
    'app://evil/index.html',
    'app://countersign.evil.example/index.html',
    'app://countersign:8080/index.html',
    'app://user:pass@countersign/index.html',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('does not count %s as ours', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});
