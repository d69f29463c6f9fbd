// The main-side end of the contract's event streams. Messages are checked against their
// schema on the way out, so no transport ever forwards something the contract does not
// describe. Listeners are isolated: one that throws does not stop the others.
import { EVENTS, type EventMessage, type EventName } from '../../shared/contract/channels.ts';
import { AppError } from '../../shared/errors.ts';

export type EventListener<E extends EventName> = (message: EventMessage<E>) => void;

/** A typed hub for the contract's EVENTS. */
export interface EventHub {
  /**
   * Sends `message` to every listener of `name`. Throws AppError INVALID_OUTPUT when the
   * message does not match the event's schema (a bug in the emitter, not in the listener).
   */
  emit<E extends EventName>(name: E, message: EventMessage<E>): void;
  /** Adds a listener; the returned function removes it. */
  on<E extends EventName>(name: E, listener: EventListener<E>): () => void;
  /** Removes every listener. */
  clear(): void;
}

export interface EventHubOptions {
  /** Where a throwing listener's error goes. */
  onListenerError?: (name: EventName, error: unknown) => void;
}

/** Creates an {@link EventHub}. */
export function createEventHub(options: EventHubOptions = {}): EventHub {
  const listeners = new Map<EventName, Set<(message: unknown) => void>>();
  const onListenerError = options.onListenerError ?? (() => undefined);

  return {
    emit(name, message) {
      const parsed = EVENTS[name].message.safeParse(message);
      if (!parsed.success) {
        throw new AppError('INVALID_OUTPUT', `Event ${name} does not match its schema.`);
      }
      // A copy, so a listener that unsubscribes (or subscribes) while being called is safe.
      for (const listener of [...(listeners.get(name) ?? [])]) {
        try {
          listener(parsed.data);
        } catch (error) {
          onListenerError(name, error);
        }
      }
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const wrapped = listener as (message: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
    clear() {
      listeners.clear();
    },
  };
}
