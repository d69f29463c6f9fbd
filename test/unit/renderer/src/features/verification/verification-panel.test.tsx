import { describe, expect, it } from 'vitest';
import type { Connection } from '../../../../../../shared/contract/schemas/connections.ts';
import { queryKeys } from '../../../../../../renderer/src/api/queries.ts';
import {
  connectionRootChoice,
  OTHER_ROOT_FILE,
} from '../../../../../../renderer/src/features/verification/verification-form.ts';
import { VerificationPanel } from '../../../../../../renderer/src/features/verification/verification-panel.tsx';
import { prodMlflow } from '../../../support/connections.ts';
import { renderHtml, textOf } from '../../../support/render.tsx';

const corp: Connection = {
  ...prodMlflow,
  id: 's1',
  name: 'Corp Sigstore',
  kind: 'sigstore',
  url: '/etc/corp/trusted_root.json',
  auth: { type: 'none' },
  hasSecret: false,
};

describe('verification panel trusted root', () => {
  it('offers the public-good root by default, without a path field', () => {
    const text = textOf(renderHtml(<VerificationPanel />, [[queryKeys.connections, [corp]]]));
    expect(text).toContain('Trusted root');
    expect(text).toContain('Sigstore public-good (Settings → Signature trust)');
    expect(text).not.toContain('Trusted root file');
  });

  it('shows a chosen private Sigstore connection by name', () => {
    const html = renderHtml(<VerificationPanel initial={{ trustedRootChoice: connectionRootChoice('s1') }} />, [
      [queryKeys.connections, [prodMlflow, corp]],
    ]);
    expect(textOf(html)).toContain('Corp Sigstore');
    expect(textOf(html)).not.toContain('Trusted root file');
  });

  it('reveals the path field for another file', () => {
    const text = textOf(renderHtml(<VerificationPanel initial={{ trustedRootChoice: OTHER_ROOT_FILE }} />));
    expect(text).toContain('Another file…');
    expect(text).toContain('Trusted root file');
  });
});
