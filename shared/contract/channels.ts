import { z } from 'zod';
import { channel, event } from './define.ts';
import { AppInfo, ExternalUrl, Preferences, SettingsState } from './schemas/app.ts';
import {
  Connection,
  ConnectionDraft,
  ConnectionTestResult,
} from './schemas/connections.ts';
import {
  ModelVerificationReport,
  TrustStatus,
  VerificationProgress,
  VerifyModelInput,
} from './schemas/verification.ts';

const None = z.object({}).strict();
const Id = z.object({ id: z.string().min(1).max(64) }).strict();

/**
 * The whole IPC surface. Nothing crosses the boundary that this object does not name:
 * main's `handle()`, the preload API, the preview transport and the renderer client
 * are all generated from it.
 */
export const CHANNELS = {
  'app:info': channel(None, AppInfo, 'Versions and runtime facts for the About panel.'),
  'app:open-external': channel(
    ExternalUrl,
    z.object({ opened: z.boolean() }),
    'Open an https link in the system browser, after main checks it.',
  ),
  'settings:get': channel(None, SettingsState, 'Preferences and any problem found loading them.'),
  'settings:update': channel(Preferences.partial().strict(), SettingsState, 'Change preferences.'),
  'connections:list': channel(None, z.array(Connection), 'All connection profiles.'),
  'connections:save': channel(
    ConnectionDraft,
    Connection,
    'Create or update a profile; its secret goes to the OS keychain.',
  ),
  'connections:remove': channel(Id, z.object({ removed: z.boolean() }), 'Remove a profile and its secret.'),
  'connections:test': channel(Id, ConnectionTestResult, 'Reach the peer with the stored credentials.'),
  'verification:verify-model': channel(
    VerifyModelInput,
    ModelVerificationReport,
    'Re-hash a model folder and verify its OpenSSF model signature.',
  ),
  'verification:cancel': channel(
    z.object({ jobId: z.string().min(1).max(64) }).strict(),
    z.object({ cancelled: z.boolean() }),
    'Cancel a running verification.',
  ),
  'trust:status': channel(None, TrustStatus, 'Which Sigstore trusted root verification uses.'),
  'trust:refresh': channel(
    None,
    TrustStatus,
    'Fetch the Sigstore public-good trusted root through TUF; keeps the current one on failure.',
  ),
} as const;

/** Event streams, main → renderer. */
export const EVENTS = {
  'verification:progress': event(VerificationProgress, 'Hashing progress of a verification job.'),
  'connections:changed': event(z.object({ ids: z.array(z.string()) }), 'Profiles were added, changed or removed.'),
} as const;

export type Channels = typeof CHANNELS;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof EVENTS;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;
/** What a service receives: the parsed input, defaults applied. */
export type ParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type EventMessage<E extends EventName> = z.output<(typeof EVENTS)[E]['message']>;

export const CHANNEL_NAMES = Object.keys(CHANNELS) as ChannelName[];
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(CHANNELS, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(EVENTS, value);
}
