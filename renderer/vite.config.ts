import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// This file's folder, without Node's path helpers (the renderer lint forbids Node built-ins).
const here = decodeURIComponent(new URL('.', import.meta.url).pathname).replace(/^\/([A-Za-z]:)/, '$1');

/**
 * Builds the renderer into dist/renderer. `base: './'` because the app loads it from the
 * app:// protocol and the preview from its own origin; nothing is aliased to Node.
 */
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2024',
    sourcemap: true,
    // The CSP forbids inline scripts, and data: URLs are allowed only for images.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // Loaded from disk (app://) or loopback, never over a network: one chunk is fine.
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1', strictPort: true },
});
