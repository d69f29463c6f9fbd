import { describe, expect, it } from 'vitest';
import { SYSTEM_FONT_STACK, buildTheme, resolveMode } from '../../../../../renderer/src/app/theme.ts';

describe('theme', () => {
  it('follows the OS when the preference is system, else the preference', () => {
    expect(resolveMode('system', true)).toBe('dark');
    expect(resolveMode('system', false)).toBe('light');
    expect(resolveMode('light', true)).toBe('light');
    expect(resolveMode('dark', false)).toBe('dark');
  });

  it('builds light and dark palettes on the system font stack, with no web font', () => {
    expect(buildTheme('dark').palette.mode).toBe('dark');
    expect(buildTheme('light').palette.mode).toBe('light');
    expect(buildTheme('light').typography.fontFamily).toBe(SYSTEM_FONT_STACK);
    expect(SYSTEM_FONT_STACK).toMatch(/system-ui/);
    expect(SYSTEM_FONT_STACK).toMatch(/sans-serif$/);
  });
});
