import { z } from 'zod';
import { AppError, isAppError } from '../errors.ts';
import {
  CHANNELS,
  isChannelName,
  type ChannelName,
  type ChannelOutput,
  type ParsedInput,
} from './channels.ts';
import { fail, ok, type Result } from './result.ts';

/** The plain-service implementation of every channel. */
export type Implementations = {
  [C in ChannelName]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>>;
};

/** Where unexpected (non-AppError) failures are reported; never shown to the renderer. */
export type InternalErrorSink = (channel: string, error: unknown) => void;

/**
 * The transport-independent half of every handler: parse the `unknown` input, call the
 * service, check its output, wrap the result. Main's `handle()` and the preview server
 * each check their caller first and then call this.
 */
export async function dispatch(
  name: unknown,
  rawInput: unknown,
  impl: Implementations,
  onInternalError: InternalErrorSink = () => {},
): Promise<Result<unknown>> {
  if (!isChannelName(name)) {
    return fail({ code: 'UNKNOWN_CHANNEL', message: 'That request is not part of the contract.' });
  }
  const spec = CHANNELS[name];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return fail({ code: 'INVALID_INPUT', message: z.prettifyError(parsed.error) });
  }
  let output: unknown;
  try {
    const fn = impl[name] as (input: unknown) => Promise<unknown>;
    output = await fn(parsed.data);
  } catch (error) {
    if (isAppError(error)) return fail({ code: error.code, message: error.message });
    onInternalError(name, error);
    return fail({ code: 'INTERNAL', message: 'Something went wrong inside Countersign. The details are in the log.' });
  }
  const checked = spec.output.safeParse(output);
  if (!checked.success) {
    onInternalError(name, new AppError('INVALID_OUTPUT', z.prettifyError(checked.error)));
    return fail({ code: 'INVALID_OUTPUT', message: 'Countersign produced a reply it could not vouch for.' });
  }
  return ok(checked.data);
}
