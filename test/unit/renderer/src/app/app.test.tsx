import { QueryClient } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../../../../../renderer/src/api/queries.ts';
import { createSessionStatus } from '../../../../../renderer/src/api/session-status.ts';
import { App } from '../../../../../renderer/src/app/app.tsx';
import { ModelsPage } from '../../../../../renderer/src/features/models/models-page.tsx';
import { recordingApi, renderHtml, textOf } from '../../support/render.tsx';

function seeded(): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  client.setQueryData(queryKeys.settings, { preferences: { theme: 'system' }, schemaVersion: 1, problems: [] });
  return client;
}

describe('app frame', () => {
  it('renders the skip link, the named navigation with every section and its shortcut, and the inbox', () => {
    const { api } = recordingApi();
    const html = renderToString(<App api={api} queryClient={seeded()} />);
    const text = textOf(html);
    expect(html.indexOf('Skip to content')).toBeLessThan(html.indexOf('<nav'));
    expect(html).toContain('<nav aria-label="Sections">');
    for (const [i, label] of ['Inbox', 'Models', 'Monitors', 'Incidents', 'Audit', 'Settings'].entries()) {
      expect(text).toContain(label);
      expect(html).toContain(`aria-keyshortcuts="Control+${i + 1}"`);
    }
    expect(html).toContain('aria-current="page"');
    expect(html).toContain('id="main-content"');
    expect(html).toContain('aria-label="About Countersign"');
    expect(text).toContain('Not built yet');
  });

  it('replaces everything with the expired-session screen once the preview says 401', () => {
    const { api } = recordingApi();
    const session = createSessionStatus();
    session.expire();
    const text = textOf(renderToString(<App api={api} session={session} queryClient={seeded()} />));
    expect(text).toContain(
      'This preview session has expired or the link lacks its token: open the URL the preview printed.',
    );
    expect(text).not.toContain('Skip to content');
  });

  it('says plainly on the Models page that the registry browser is not built, above the verify tool', () => {
    const text = textOf(renderHtml(<ModelsPage />));
    expect(text).toContain('The registry browser is not built yet');
    expect(text.indexOf('not built yet')).toBeLessThan(text.indexOf('Verify a model'));
    expect(text).toContain('Model folder');
    expect(text).toContain('Signer identity');
  });
});
