import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { buildApi, type CountersignApi } from '../../../../shared/contract/api.ts';
import type { ChannelName } from '../../../../shared/contract/channels.ts';
import { ApiProvider } from '../../../../renderer/src/api/api-context.tsx';

/** An API whose calls are recorded and answered NOT_AVAILABLE: server rendering makes none. */
export function recordingApi(): { api: CountersignApi; calls: ChannelName[] } {
  const calls: ChannelName[] = [];
  const api = buildApi({
    invoke: async (channel) => {
      calls.push(channel);
      return { ok: false, error: { code: 'NOT_AVAILABLE', message: 'not in this test' } };
    },
    subscribe: () => () => {},
  });
  return { api, calls };
}

/** Renders to HTML with the API and a query cache seeded with `data` (by query key). */
export function renderHtml(node: ReactNode, seed: [readonly unknown[], unknown][] = []): string {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  for (const [key, value] of seed) client.setQueryData(key, value);
  const { api } = recordingApi();
  return renderToString(
    <ApiProvider api={api}>
      <QueryClientProvider client={client}>{node}</QueryClientProvider>
    </ApiProvider>,
  );
}

/** The visible text of rendered HTML, tags removed and entities decoded, for assertions. */
export function textOf(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
}
