import type { z } from 'zod';

/** One request/response channel of the contract: a schema for what goes in and what comes out. */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  /** One line for the generated API's docs and the preview's route list. */
  readonly summary: string;
}

/** One event stream of the contract (main → renderer): a schema for each message. */
export interface EventSpec<M extends z.ZodType = z.ZodType> {
  readonly message: M;
  readonly summary: string;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  summary: string,
): ChannelSpec<I, O> {
  return { input, output, summary };
}

export function event<M extends z.ZodType>(message: M, summary: string): EventSpec<M> {
  return { message, summary };
}

/** Channel names are `domain:verb`, lower-case, verbs may be kebab-case. */
export const CHANNEL_NAME = /^[a-z]+:[a-z]+(?:-[a-z]+)*$/;

/** Splits `domain:verb` into the preload API's path: `countersign.domain.verb` (camelCased). */
export function apiPath(name: string): [domain: string, method: string] {
  const [domain, verb] = name.split(':') as [string, string];
  return [domain, verb.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())];
}
