import { describe, expect, it } from 'vitest';
import {
  ariaShortcut,
  isMacPlatform,
  sectionForKey,
  shortcutLabel,
  type KeyLike,
} from '../../../../../renderer/src/app/shortcuts.ts';

const key = (over: Partial<KeyLike>): KeyLike => ({
  key: '1',
  code: 'Digit1',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...over,
});

describe('section shortcuts', () => {
  it('maps Ctrl+1..6 to the sections in navigation order', () => {
    const order = ['inbox', 'models', 'monitors', 'incidents', 'audit', 'settings'];
    order.forEach((section, i) => {
      expect(sectionForKey(key({ ctrlKey: true, key: String(i + 1), code: `Digit${i + 1}` }), false)).toBe(section);
    });
  });

  it('uses Cmd on macOS and ignores Ctrl there', () => {
    expect(sectionForKey(key({ metaKey: true }), true)).toBe('inbox');
    expect(sectionForKey(key({ ctrlKey: true }), true)).toBeNull();
    expect(sectionForKey(key({ metaKey: true }), false)).toBeNull();
  });

  it('ignores other modifiers, digits past 6, and plain digits', () => {
    expect(sectionForKey(key({ ctrlKey: true, shiftKey: true }), false)).toBeNull();
    expect(sectionForKey(key({ ctrlKey: true, altKey: true }), false)).toBeNull();
    expect(sectionForKey(key({ ctrlKey: true, key: '7', code: 'Digit7' }), false)).toBeNull();
    expect(sectionForKey(key({}), false)).toBeNull();
  });

  it('reads the physical digit row, so layouts like AZERTY work', () => {
    expect(sectionForKey(key({ ctrlKey: true, key: 'é', code: 'Digit2' }), false)).toBe('models');
  });

  it('writes shortcuts the way each platform does', () => {
    expect(shortcutLabel('settings', false)).toBe('Ctrl+6');
    expect(shortcutLabel('settings', true)).toBe('⌘6');
    expect(ariaShortcut('models', false)).toBe('Control+2');
    expect(ariaShortcut('models', true)).toBe('Meta+2');
  });

  it('recognises macOS', () => {
    expect(isMacPlatform({ platform: 'MacIntel' })).toBe(true);
    expect(isMacPlatform({ platform: 'Linux x86_64', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' })).toBe(false);
  });
});
