import {
  CHANNEL_NAMES,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type EventMessage,
  type EventName,
} from './channels.ts';
import { apiPath } from './define.ts';
import type { Result } from './result.ts';

/** What carries calls and events: Electron IPC in the app, HTTP + SSE in the preview. */
export interface Transport {
  invoke(channel: ChannelName, input: unknown): Promise<Result<unknown>>;
  subscribe(event: EventName, listener: (message: unknown) => void): () => void;
}

type CamelVerb<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<CamelVerb<T>>}` : S;
type DomainOf<C> = C extends `${infer D}:${string}` ? D : never;
type VerbOf<C> = C extends `${string}:${infer V}` ? CamelVerb<V> : never;

// Channels whose input may be empty can be called without an argument.
type Method<C extends ChannelName> = Record<never, never> extends ChannelInput<C>
  ? (input?: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>
  : (input: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;

/** The typed, domain-shaped API exposed as `window.countersign`. */
export type CountersignApi = {
  [D in DomainOf<ChannelName>]: {
    [C in ChannelName as DomainOf<C> extends D ? VerbOf<C> : never]: Method<C>;
  };
} & {
  events: {
    on<E extends EventName>(event: E, listener: (message: EventMessage<E>) => void): () => void;
  };
};

/**
 * Builds `window.countersign` from the contract over a transport. Only contract channels
 * exist on it; the transport's own objects (IPC events, fetch responses) never leak.
 */
export function buildApi(transport: Transport): CountersignApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const name of CHANNEL_NAMES) {
    const [domain, method] = apiPath(name);
    api[domain] ??= {};
    api[domain][method] = (input?: unknown) => transport.invoke(name, input ?? {});
  }
  api['events'] = {
    on: (event: EventName, listener: (message: unknown) => void) => transport.subscribe(event, listener),
  };
  return api as unknown as CountersignApi;
}
