import { app } from 'electron';
import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { guardWebContents, setupWebContentsGuard } from '../../../../../electron/main/security/navigation.ts';
import { FakeWebContents, fake, makeEvent } from '../../../../support/electron/fake.ts';

function guarded(): FakeWebContents {
  const contents = new FakeWebContents('app://countersign/index.html');
  guardWebContents(contents as unknown as WebContents);
  return contents;
}

describe('navigation guards', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'] as const)(
    '%s is refused for any URL off our app:// origin',
    (kind) => {
      const contents = guarded();
      for (const url of [
        'https://evil.example/',
        'http://127.0.0.1:8080/',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'app://other/index.html',
        'data:text/html,<script>alert(1)</script>',
      ]) {
        expect(contents.attemptNavigation(kind, url), url).toBe(true);
      }
    },
  );

  it('lets navigation within our own origin through', () => {
    const contents = guarded();
    expect(contents.attemptNavigation('will-navigate', 'app://countersign/index.html')).toBe(false);
    expect(contents.attemptNavigation('will-redirect', 'app://countersign/models')).toBe(false);
  });

  it('denies every window.open, whatever the URL', () => {
    const contents = guarded();
    expect(contents.attemptWindowOpen('https://example.com/')).toBe('deny');
    expect(contents.attemptWindowOpen('app://countersign/index.html')).toBe('deny');
  });

  it('refuses to attach a <webview>', () => {
    expect(guarded().attemptAttachWebview('https://evil.example/')).toBe(true);
  });

  it('installs each guard once however often it is applied', () => {
    const contents = guarded();
    guardWebContents(contents as unknown as WebContents);
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });

  it('guards every webContents created later, through web-contents-created', () => {
    setupWebContentsGuard();
    const later = new FakeWebContents('app://countersign/index.html');
    app.emit('web-contents-created', makeEvent(), later);
    expect(later.attemptNavigation('will-navigate', 'https://evil.example/')).toBe(true);
    expect(later.attemptWindowOpen('https://evil.example/')).toBe('deny');
    expect(later.attemptAttachWebview('https://evil.example/')).toBe(true);
  });

  it('reports refusals without the query string', () => {
    const lines: Array<Record<string, unknown>> = [];
    const contents = new FakeWebContents();
    guardWebContents(contents as unknown as WebContents, (_m, d) => lines.push(d));
    contents.attemptNavigation('will-navigate', 'https://evil.example/path?token=s3cret');
    expect(JSON.stringify(lines)).toContain('https://evil.example/path');
    expect(JSON.stringify(lines)).not.toContain('s3cret');
    expect(fake.windows()).toEqual([]);
  });
});
