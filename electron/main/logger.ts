// Main's log: one line per event on stderr, with structured details. Secrets never reach
// it (the services redact theirs; URLs are shortened before they are logged).
import type { ServiceLogger } from '../services/compose.ts';

/** The logger main uses and hands to the services. */
export interface MainLogger extends ServiceLogger {
  warn(message: string, meta?: Record<string, unknown>): void;
}

/** A logger writing timestamped lines to `write` (stderr by default). */
export function createMainLogger(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): MainLogger {
  const emit = (level: string, message: string, meta?: Record<string, unknown>): void => {
    const details = meta === undefined ? '' : ` ${safeJson(meta)}`;
    write(`${new Date().toISOString()} [main] ${level} ${message}${details}`);
  };
  return {
    info: (message, meta) => emit('info', message, meta),
    warn: (message, meta) => emit('warn', message, meta),
    error: (message, meta) => emit('error', message, meta),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message } : v));
  } catch {
    return '"(unserialisable)"';
  }
}
