// Fake WebFrameMain and WebContents: enough of their shape for the navigation guards,
// the IPC sender check and event forwarding, with helpers that emit what Chromium would.
import { EventEmitter } from 'node:events';
import { makeEvent, type FakeEvent } from './events.ts';

let nextProcessId = 100;
let nextContentsId = 1;

/** What Chromium reports as a frame's origin; 'null' for opaque ones. */
function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    if (['http:', 'https:', 'app:', 'ws:', 'wss:'].includes(parsed.protocol)) return `${parsed.protocol}//${parsed.host}`;
  } catch {
    // fall through
  }
  return 'null';
}

/** A fake WebFrameMain. `parent` null means a top frame. */
export class FakeWebFrame {
  url: string;
  readonly parent: FakeWebFrame | null;
  readonly processId: number;
  readonly routingId: number;
  readonly frames: FakeWebFrame[] = [];
  destroyed = false;

  constructor(url: string, parent: FakeWebFrame | null = null, processId = nextProcessId++, routingId = 1) {
    this.url = url;
    this.parent = parent;
    this.processId = processId;
    this.routingId = routingId;
    parent?.frames.push(this);
  }

  get origin(): string {
    this.assertAlive();
    return originOf(this.url);
  }

  get top(): FakeWebFrame {
    return this.parent === null ? this : this.parent.top;
  }

  /** Adds a child frame (an iframe) showing `url`, in the same process. */
  addChild(url: string): FakeWebFrame {
    return new FakeWebFrame(url, this, this.processId, this.routingId + this.frames.length + 1);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  // Electron throws when a disposed frame is read; so do we for `origin`.
  private assertAlive(): void {
    if (this.destroyed) throw new Error('Render frame was disposed before WebFrameMain could be accessed');
  }
}

type WindowOpenHandler = (details: { url: string; frameName: string; features: string; disposition: string }) => {
  action: 'allow' | 'deny';
};

/** A fake WebContents that records what is sent to it and what handlers it was given. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  mainFrame: FakeWebFrame;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  readonly loadedUrls: string[] = [];
  windowOpenHandler: WindowOpenHandler | null = null;
  destroyed = false;

  constructor(url = 'about:blank') {
    super();
    this.mainFrame = new FakeWebFrame(url);
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    // Electron serialises IPC arguments with the structured clone algorithm.
    this.sent.push({ channel, args: args.map((a) => structuredClone(a)) });
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.mainFrame.url = url;
    return Promise.resolve();
  }

  getURL(): string {
    return this.mainFrame.url;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /**
   * Emits a navigation event the way Electron does (`will-navigate` and `will-redirect`
   * with the legacy url argument too) and says whether a listener prevented it.
   */
  attemptNavigation(kind: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string, isMainFrame = true): boolean {
    const event = makeEvent({ url, isMainFrame, isSameDocument: false, frame: this.mainFrame });
    if (kind === 'will-frame-navigate') this.emit(kind, event);
    else this.emit(kind, event, url, false, isMainFrame, this.mainFrame.processId, this.mainFrame.routingId);
    return event.defaultPrevented;
  }

  /** What window.open(url) gets; 'allow' when no handler is installed (Electron's default). */
  attemptWindowOpen(url: string): 'allow' | 'deny' {
    if (this.windowOpenHandler === null) return 'allow';
    return this.windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window' }).action;
  }

  /** Emits `will-attach-webview`; true when a listener prevented the attachment. */
  attemptAttachWebview(src: string): boolean {
    const event: FakeEvent = makeEvent();
    this.emit('will-attach-webview', event, { preload: '', nodeIntegration: false }, { src });
    return event.defaultPrevented;
  }
}
