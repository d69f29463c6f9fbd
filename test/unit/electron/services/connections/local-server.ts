// Real HTTP servers on 127.0.0.1 for the connection tests: the code under test goes
// through the real fetch and socket stack, only the peer's answers are scripted.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../../../../support/loopback-server.ts';

export interface LocalServer {
  url: string;
  /** Every request seen, in order. */
  requests: { method: string; url: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

export async function startServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<LocalServer> {
  const requests: LocalServer['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    handler(req, res);
  });
  const { url, close } = await listenOnLoopback(server);
  return { url, requests, close };
}

/** The URL of a port that was free a moment ago and has nothing listening now. */
export async function closedPortUrl(): Promise<string> {
  const server = await startServer(() => undefined);
  await server.close();
  return server.url;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** A fake MLflow that checks basic auth the way MLflow's basic-auth app does. */
export function mlflowHandler(username: string, password: string, version = '3.1.0') {
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="mlflow"' });
      res.end('You are not authenticated.');
      return;
    }
    if (req.url?.startsWith('/api/2.0/mlflow/registered-models/search?max_results=1') === true) {
      sendJson(res, 200, { registered_models: [{ name: 'fraud-scorer' }], next_page_token: 'abc' });
    } else if (req.url === '/version') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(version);
    } else {
      res.writeHead(404);
      res.end();
    }
  };
}
