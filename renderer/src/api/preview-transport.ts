import { buildApi, type CountersignApi, type Transport } from '../../../shared/contract/api.ts';
import { EVENTS, isEventName, type ChannelName, type EventName } from '../../../shared/contract/channels.ts';
import type { Result } from '../../../shared/contract/result.ts';
import { isErrorCode } from './countersign-error.ts';
import { SseParser, type SseMessage } from './sse-parser.ts';

/** The state of the shared event stream, for a "live updates lost" notice. */
export type StreamState = 'idle' | 'connecting' | 'open' | 'retrying' | 'failed' | 'closed';

/** Timers, injectable so tests drive reconnection without waiting. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface PreviewTransportOptions {
  /** The per-run bearer token the preview server printed. */
  token: string;
  /** Origin of the preview server; '' means this page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  timers?: Timers;
  now?: () => number;
  random?: () => number;
  /** Called once when the server answers 401: the token is missing, wrong or expired. */
  onUnauthorized?: () => void;
  onStreamState?: (state: StreamState) => void;
  /** Reconnection attempts in a row before giving up (bounded; resets once data flows). */
  maxReconnects?: number;
}

/** A transport that can also be shut down (its event stream aborted, timers cleared). */
export interface PreviewTransport extends Transport {
  close(): void;
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;
/** A stream that stayed open this long counts as healthy even if it carried no event. */
const HEALTHY_MS = 30_000;

const defaultTimers: Timers = {
  set: (fn, ms) => globalThis.setTimeout(fn, ms),
  clear: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Reads a reply body as a contract envelope. A reply that is not one becomes an INTERNAL
 * failure; an error code this renderer does not know becomes INTERNAL with its message kept.
 */
export function readEnvelope(body: unknown, status: number): Result<unknown> {
  if (typeof body === 'object' && body !== null && 'ok' in body) {
    if (body.ok === true && 'data' in body) return { ok: true, data: body.data };
    if (body.ok === false && 'error' in body && typeof body.error === 'object' && body.error !== null) {
      const { code, message } = body.error as { code?: unknown; message?: unknown };
      return {
        ok: false,
        error: {
          code: isErrorCode(code) ? code : 'INTERNAL',
          message: typeof message === 'string' ? message : 'No details were given.',
        },
      };
    }
  }
  return {
    ok: false,
    error: {
      code: 'INTERNAL',
      message: `The preview server sent a reply that is not a contract envelope (HTTP ${status}).`,
    },
  };
}

/** Delay before reconnection attempt `attempt` (0-based): exponential, capped, with jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * The preview transport: contract calls as `POST /api/rpc/<channel>` and all events over one
 * shared `GET /api/events` server-sent-event stream, both carrying the bearer token.
 * EventSource cannot send headers, so the stream is read with fetch and a stream reader.
 * It never throws: failures come back as `{ ok: false }` envelopes like any other.
 */
export function createPreviewTransport(options: PreviewTransportOptions): PreviewTransport {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const timers = options.timers ?? defaultTimers;
  const now = options.now ?? (() => Date.now());
  const random = options.random ?? Math.random;
  const maxReconnects = options.maxReconnects ?? 8;
  const authorization = `Bearer ${options.token}`;

  const listeners = new Map<EventName, Set<(message: unknown) => void>>();
  let controller: AbortController | null = null;
  let retryHandle: unknown = null;
  let attempts = 0;
  let dead = false;
  let state: StreamState = 'idle';

  const setState = (next: StreamState) => {
    if (next === state) return;
    state = next;
    options.onStreamState?.(next);
  };

  const unauthorized = () => {
    if (dead) return;
    dead = true;
    stopStream();
    setState('closed');
    options.onUnauthorized?.();
  };

  const listenerCount = () => [...listeners.values()].reduce((n, set) => n + set.size, 0);

  function deliver(message: SseMessage) {
    if (!isEventName(message.event)) return;
    let json: unknown;
    try {
      json = JSON.parse(message.data);
    } catch {
      return;
    }
    const parsed = EVENTS[message.event].message.safeParse(json);
    if (!parsed.success) return;
    for (const listener of [...(listeners.get(message.event) ?? [])]) {
      try {
        listener(parsed.data);
      } catch (error) {
        // One failing screen must not stop the stream for the others.
        console.error(`A listener of ${message.event} failed`, error);
      }
    }
  }

  function stopStream() {
    controller?.abort();
    controller = null;
    if (retryHandle !== null) timers.clear(retryHandle);
    retryHandle = null;
  }

  function scheduleReconnect() {
    if (attempts >= maxReconnects) {
      setState('failed');
      return;
    }
    setState('retrying');
    const delay = backoffDelay(attempts, random);
    attempts++;
    retryHandle = timers.set(() => {
      retryHandle = null;
      if (!dead && listenerCount() > 0) void connect();
    }, delay);
  }

  async function connect(): Promise<void> {
    const own = new AbortController();
    controller = own;
    setState('connecting');
    let openedAt: number | null = null;
    try {
      const response = await doFetch(`${base}/api/events`, {
        method: 'GET',
        headers: { Authorization: authorization, Accept: 'text/event-stream' },
        signal: own.signal,
        cache: 'no-store',
        credentials: 'omit',
      });
      if (response.status === 401) {
        unauthorized();
        return;
      }
      if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}`);
      openedAt = now();
      setState('open');
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new SseParser();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        attempts = 0;
        for (const message of parser.push(value)) deliver(message);
      }
    } catch {
      // Network failure or abort: decided below.
    }
    if (own.signal.aborted || controller !== own || dead) return;
    controller = null;
    if (openedAt !== null && now() - openedAt >= HEALTHY_MS) attempts = 0;
    if (listenerCount() > 0) scheduleReconnect();
    else setState('idle');
  }

  return {
    async invoke(channel: ChannelName, input: unknown): Promise<Result<unknown>> {
      if (dead) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'This preview session has expired.' } };
      let response: Response;
      try {
        response = await doFetch(`${base}/api/rpc/${channel}`, {
          method: 'POST',
          headers: { Authorization: authorization, 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
          cache: 'no-store',
          credentials: 'omit',
        });
      } catch {
        return {
          ok: false,
          error: { code: 'NOT_AVAILABLE', message: 'The preview server did not answer. Is it still running?' },
        };
      }
      if (response.status === 401) {
        unauthorized();
        return {
          ok: false,
          error: { code: 'UNAUTHORIZED', message: 'This preview session has expired or the link lacks its token.' },
        };
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      return readEnvelope(body, response.status);
    },

    subscribe(event: EventName, listener: (message: unknown) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      // Wrap so the same function subscribed twice is two subscriptions, each removable once.
      const own = (message: unknown) => listener(message);
      set.add(own);
      if (!dead && controller === null && retryHandle === null) {
        attempts = 0;
        void connect();
      }
      return () => {
        set.delete(own);
        if (listenerCount() === 0) {
          stopStream();
          if (!dead) setState('idle');
        }
      };
    },

    close() {
      dead = true;
      listeners.clear();
      stopStream();
      setState('closed');
    },
  };
}

/** Builds `window.countersign` over the preview transport. */
export function buildPreviewApi(options: PreviewTransportOptions): CountersignApi {
  return buildApi(createPreviewTransport(options));
}
