import { SECTIONS, type SectionId } from './sections.ts';

/** The parts of a keyboard event the section shortcuts look at. */
export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** True on macOS, where shortcuts use Cmd instead of Ctrl. */
export function isMacPlatform(nav: { platform?: string; userAgent?: string } = navigator): boolean {
  return /mac/i.test(nav.platform ?? '') || /Macintosh|Mac OS X/.test(nav.userAgent ?? '');
}

/**
 * The section a key press asks for: Ctrl+1..6 (Cmd+1..6 on macOS), no other modifier.
 * The physical digit row (`code`) is used so layouts where the digits need Shift work.
 */
export function sectionForKey(event: KeyLike, mac: boolean): SectionId | null {
  const primary = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (!primary || event.altKey || event.shiftKey) return null;
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1] ?? (/^[1-9]$/.test(event.key) ? event.key : null);
  if (digit === null) return null;
  return SECTIONS[Number(digit) - 1]?.id ?? null;
}

/** How a section's shortcut is written in tooltips: `Ctrl+1`, or `⌘1` on macOS. */
export function shortcutLabel(section: SectionId, mac: boolean): string {
  const n = SECTIONS.findIndex((s) => s.id === section) + 1;
  return mac ? `⌘${n}` : `Ctrl+${n}`;
}

/** The `aria-keyshortcuts` value for a section. */
export function ariaShortcut(section: SectionId, mac: boolean): string {
  const n = SECTIONS.findIndex((s) => s.id === section) + 1;
  return mac ? `Meta+${n}` : `Control+${n}`;
}
