import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../../../renderer/src/api/sse-parser.ts';

const STREAM =
  ': keep-alive\n\n' +
  'event: verification:progress\ndata: {"jobId":"a","bytesDone":1}\n\n' +
  'event: connections:changed\r\ndata: {"ids":\r\ndata: ["x"]}\r\n\r\n' +
  'data: plain\rid: 7\r\r';

function parseIn(chunks: string[]) {
  const parser = new SseParser();
  return chunks.flatMap((c) => parser.push(c));
}

describe('SSE parser', () => {
  it('parses named events, multi-line data, comments and every line ending', () => {
    expect(parseIn([STREAM])).toEqual([
      { event: 'verification:progress', data: '{"jobId":"a","bytesDone":1}', id: null },
      { event: 'connections:changed', data: '{"ids":\n["x"]}', id: null },
      { event: 'message', data: 'plain', id: '7' },
    ]);
  });

  it('gives the same events however the stream is split, even between CR and LF', () => {
    const whole = parseIn([STREAM]);
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < STREAM.length; i += size) chunks.push(STREAM.slice(i, i + size));
      expect(parseIn(chunks)).toEqual(whole);
    }
    const crlf = STREAM.indexOf('\r\n');
    expect(parseIn([STREAM.slice(0, crlf + 1), STREAM.slice(crlf + 1)])).toEqual(whole);
  });

  it('holds an event back until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('event: x\ndata: 1\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'x', data: '1', id: null }]);
  });

  it('dispatches nothing for an event without data and does not leak its name into the next', () => {
    expect(parseIn(['event: lonely\n\ndata: 2\n\n'])).toEqual([{ event: 'message', data: '2', id: null }]);
  });

  it('strips exactly one space after the colon and treats a bare field name as empty', () => {
    expect(parseIn(['data:  two spaces\ndata\n\n'])).toEqual([{ event: 'message', data: ' two spaces\n', id: null }]);
  });

  it('drops an event larger than its limit and keeps parsing after it', () => {
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const parser = new SseParser();
    const out = [
      ...parser.push(`event: big\ndata: ${huge.slice(0, 3_000_000)}`),
      ...parser.push(`${huge.slice(3_000_000)}\n\n`),
      ...parser.push('event: small\ndata: ok\n\n'),
    ];
    expect(out).toEqual([{ event: 'small', data: 'ok', id: null }]);
  });
});
