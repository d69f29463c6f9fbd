// =====================================================================================
// SECURITY: who may call main. Only the top frame of one of our windows, showing our
// app:// origin, is answered. An iframe, a page that somehow navigated away, a frame
// that has gone, or any other webContents gets FORBIDDEN_SENDER and nothing else.
// =====================================================================================
import type { WebContents, WebFrameMain } from 'electron';
import { isAppUrl } from '../app-origin.ts';
import type { WindowRegistry } from '../window-registry.ts';

/** The parts of an IPC event the check reads. */
export interface SenderInfo {
  readonly sender: WebContents;
  readonly senderFrame: WebFrameMain | null;
}

/** True when the message comes from the top frame of one of our windows, on app://. */
export function isTrustedSender(event: SenderInfo, registry: WindowRegistry): boolean {
  try {
    const frame = event.senderFrame;
    // null when the frame navigated or was destroyed after sending.
    if (frame === null || frame === undefined) return false;
    if (frame.parent !== null) return false;
    if (registry.byWebContents(event.sender) === undefined) return false;
    // The frame must be that window's own main frame, not merely a top frame somewhere.
    const main = event.sender.mainFrame;
    if (main.processId !== frame.processId || main.routingId !== frame.routingId) return false;
    return isAppUrl(frame.url);
  } catch {
    // Reading a disposed frame throws; a frame we cannot read is not trusted.
    return false;
  }
}
