import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parseJsonObject, peerGet } from '../../../../../electron/services/connections/peer-http.ts';
import { closedPortUrl, sendJson, startServer, type LocalServer } from './local-server.ts';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const get = (url: string, timeoutMs = 5_000) => peerGet({ fetch, url, headers: { authorization: 'Bearer t0k' }, timeoutMs, peer: 'MLflow' });

describe('peerGet', () => {
  it('returns a 2xx body and sends the given headers', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { hello: 'world' }));
    const response = await get(`${server.url}/api/x`);
    expect(response).toEqual({ status: 200, text: '{"hello":"world"}' });
    expect(server.requests).toEqual([{ method: 'GET', url: '/api/x', authorization: 'Bearer t0k' }]);
  });

  it.each([
    [401, 'CONNECTION_AUTH_FAILED'],
    [403, 'CONNECTION_AUTH_FAILED'],
    [404, 'CONNECTION_BAD_RESPONSE'],
    [500, 'CONNECTION_BAD_RESPONSE'],
    [503, 'CONNECTION_UNREACHABLE'],
  ])('maps HTTP %i to %s', async (status, code) => {
    server = await startServer((_req, res) => {
      res.writeHead(status);
      res.end('nope');
    });
    await expect(get(server.url)).rejects.toMatchObject({ name: 'AppError', code });
  });

  it('does not follow a redirect, so credentials only go to the configured address', async () => {
    const other = await startServer((_req, res) => sendJson(res, 200, {}));
    server = await startServer((_req, res) => {
      res.writeHead(302, { location: `${other.url}/steal` });
      res.end();
    });
    await expect(get(server.url)).rejects.toMatchObject({ code: 'CONNECTION_BAD_RESPONSE', message: expect.stringMatching(/redirected/) });
    expect(other.requests).toEqual([]);
    await other.close();
  });

  it('reports a refused connection as unreachable', async () => {
    const url = await closedPortUrl();
    await expect(get(url)).rejects.toMatchObject({ code: 'CONNECTION_UNREACHABLE', message: expect.stringMatching(/refused/) });
  });

  it('keeps a secret that fetch quotes in its error out of the error it throws, cause included', async () => {
    server = await startServer((_req, res) => sendJson(res, 200, {}));
    const headers = { authorization: 'Bearer SEKRIT-t0k3n\nX-Evil: 1' };
    const error: unknown = await peerGet({ fetch, url: server.url, headers, timeoutMs: 5_000, peer: 'MLflow' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AppError', code: 'CONNECTION_UNREACHABLE', cause: { name: 'TypeError' } });
    // What a logger would print: the message, the stack and the whole cause chain.
    expect(inspect(error, { depth: 10 })).not.toContain('SEKRIT');
    expect(JSON.stringify(error)).not.toContain('SEKRIT');
    expect(server.requests).toEqual([]);
  });

  it('keeps the network error code as a summary of the cause', async () => {
    const url = await closedPortUrl();
    await expect(get(url)).rejects.toMatchObject({ cause: { name: 'TypeError', code: 'ECONNREFUSED' } });
  });

  it('gives up on a peer that does not answer in time', async () => {
    server = await startServer(() => {
      // Never answers; the server's close() ends the socket.
    });
    const started = Date.now();
    await expect(get(server.url, 300)).rejects.toMatchObject({ code: 'CONNECTION_UNREACHABLE', message: expect.stringMatching(/did not answer/) });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('gives up on a body that stalls after the headers', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"partial":');
    });
    await expect(get(server.url, 300)).rejects.toMatchObject({ code: 'CONNECTION_UNREACHABLE' });
  });

  it('refuses a body far larger than any probe answer', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200);
      res.end(Buffer.alloc(2 * 1024 * 1024, 0x20));
    });
    await expect(get(server.url)).rejects.toMatchObject({ code: 'CONNECTION_BAD_RESPONSE' });
  });
});

describe('parseJsonObject', () => {
  it('accepts a JSON object and refuses HTML, arrays and scalars', () => {
    expect(parseJsonObject('{"a":1}', 'MLflow')).toEqual({ a: 1 });
    for (const text of ['<html>login</html>', '[1]', '"x"', '']) {
      expect(() => parseJsonObject(text, 'MLflow'), text).toThrow(expect.objectContaining({ code: 'CONNECTION_BAD_RESPONSE' }));
    }
  });
});
