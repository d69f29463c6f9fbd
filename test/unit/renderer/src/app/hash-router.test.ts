import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from '../../../../../renderer/src/app/hash-router.ts';
import { SECTION_IDS } from '../../../../../renderer/src/app/sections.ts';

describe('hash router', () => {
  it('opens the inbox when there is no hash', () => {
    expect(parseHash('')).toEqual({ section: 'inbox', rest: [] });
    expect(parseHash('#')).toEqual({ section: 'inbox', rest: [] });
    expect(parseHash('#/')).toEqual({ section: 'inbox', rest: [] });
  });

  it.each(SECTION_IDS)('round-trips the %s section', (section) => {
    expect(parseHash(formatHash(section))).toEqual({ section, rest: [] });
  });

  it('keeps the path after the section, decoded, and round-trips awkward names', () => {
    const rest = ['fraud scorer/β', '14'];
    const hash = formatHash('models', rest);
    expect(hash).toBe('#/models/fraud%20scorer%2F%CE%B2/14');
    expect(parseHash(hash)).toEqual({ section: 'models', rest });
  });

  it('accepts a hash without the leading slash and ignores empty segments and a query', () => {
    expect(parseHash('#settings//connections/?tab=1')).toEqual({ section: 'settings', rest: ['connections'] });
  });

  it('says not-found for an unknown section or a malformed escape', () => {
    expect(parseHash('#/nowhere')).toEqual({ section: 'not-found', hash: '#/nowhere' });
    expect(parseHash('#/models/%E0%A4%A')).toEqual({ section: 'not-found', hash: '#/models/%E0%A4%A' });
    expect(parseHash('#main-content')).toMatchObject({ section: 'not-found' });
  });
});
