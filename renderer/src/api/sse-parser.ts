/** One server-sent event: its name (`message` when the server gave none) and its data. */
export interface SseMessage {
  event: string;
  data: string;
  id: string | null;
}

/** The most a single event may hold before the parser drops it; bounds memory on a bad stream. */
const MAX_EVENT_CHARS = 4 * 1024 * 1024;

/**
 * An incremental parser of the `text/event-stream` format (WHATWG HTML §9.2): feed it text
 * chunks as they arrive, in any split, and it returns the complete events. Lines end in
 * CRLF, LF or CR; `:` lines are comments (keep-alives); several `data:` lines join with LF;
 * an event ends at a blank line.
 */
export class SseParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];
  #dataChars = 0;
  #id: string | null = null;
  #pendingCr = false;
  /** Set after an over-long line was dropped: the rest of it, up to its end, is dropped too. */
  #discarding = false;
  /** Set when the current event grew past the limit: it is dropped at its end. */
  #dropEvent = false;

  /** Parses one chunk and returns every event it completed. */
  push(chunk: string): SseMessage[] {
    let text = chunk;
    // A CR at the end of the previous chunk may be the first half of a CRLF.
    if (this.#pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.#pendingCr = false;
    // What is already buffered holds no line end: scan only the new text.
    const from = this.#buffer.length;
    this.#buffer += text;
    const out: SseMessage[] = [];
    let start = 0;
    for (let i = from; i < this.#buffer.length; i++) {
      const ch = this.#buffer[i];
      if (ch !== '\n' && ch !== '\r') continue;
      const line = this.#buffer.slice(start, i);
      if (ch === '\r') {
        if (i + 1 < this.#buffer.length) {
          if (this.#buffer[i + 1] === '\n') i++;
        } else {
          this.#pendingCr = true;
        }
      }
      start = i + 1;
      if (this.#discarding) {
        this.#discarding = false;
        continue;
      }
      const message = this.#line(line);
      if (message) out.push(message);
    }
    this.#buffer = this.#buffer.slice(start);
    if (this.#buffer.length > MAX_EVENT_CHARS) {
      this.#buffer = '';
      this.#discarding = true;
      this.#dropEvent = true;
    }
    return out;
  }

  #line(line: string): SseMessage | null {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.#event = value;
        break;
      case 'data':
        this.#dataChars += value.length + 1;
        if (this.#dataChars > MAX_EVENT_CHARS) {
          this.#dropEvent = true;
          this.#data = [];
        } else if (!this.#dropEvent) {
          this.#data.push(value);
        }
        break;
      case 'id':
        if (!value.includes('\0')) this.#id = value;
        break;
      default:
        // `retry` and unknown fields: the transport has its own back-off.
        break;
    }
    return null;
  }

  #dispatch(): SseMessage | null {
    const keep = !this.#dropEvent && this.#data.length > 0;
    const message = keep ? { event: this.#event || 'message', data: this.#data.join('\n'), id: this.#id } : null;
    this.#reset();
    return message;
  }

  #reset(): void {
    this.#event = '';
    this.#data = [];
    this.#dataChars = 0;
    this.#dropEvent = false;
  }
}
