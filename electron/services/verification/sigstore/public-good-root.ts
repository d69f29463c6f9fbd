// The Sigstore public-good trusted root, shipped with the app so keyless verification works
// offline. assets/trust/trusted_root.json is the one copy (see assets/trust/README.md for its
// origin and refresh); importing it as JSON lets every runtime (Node, the bundled Electron
// main, the CLI) carry it without file-system lookups.
import trustedRoot from '../../../../assets/trust/trusted_root.json' with { type: 'json' };

/** The public-good trusted_root.json, as parsed JSON. */
export const PUBLIC_GOOD_TRUSTED_ROOT: unknown = trustedRoot;
