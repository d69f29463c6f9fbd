// Service events (verification progress, connection changes) go to our windows on
// `event:<name>`, each message checked against its contract schema first so that a
// service bug cannot push anything the renderer's types do not describe.
import { EVENT_NAMES, EVENTS, type EventName } from '../../../shared/contract/channels.ts';
import { isAppUrl } from '../app-origin.ts';
import type { WindowRegistry } from '../window-registry.ts';

/** The event source the services composition hands back. */
export interface EventSource {
  on(name: EventName, listener: (message: unknown) => void): () => void;
}

/** The IPC channel an event travels on; the preload listens on the same name. */
export function eventChannel(name: EventName): string {
  return `event:${name}`;
}

/**
 * Subscribes to every event in EVENTS and forwards valid messages to every registered
 * window still showing our origin. Invalid messages are dropped and reported through
 * `logInternal`. Returns a function that unsubscribes all.
 */
export function forwardServiceEvents(
  events: EventSource,
  registry: WindowRegistry,
  logInternal: (event: string, error: unknown) => void,
): () => void {
  const unsubscribers = EVENT_NAMES.map((name) =>
    events.on(name, (message) => {
      const checked = EVENTS[name].message.safeParse(message);
      if (!checked.success) {
        logInternal(name, checked.error);
        return;
      }
      for (const window of registry.all()) {
        const contents = window.webContents;
        if (contents.isDestroyed() || !isAppUrl(contents.getURL())) continue;
        contents.send(eventChannel(name), checked.data);
      }
    }),
  );
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
