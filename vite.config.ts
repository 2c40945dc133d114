// Vite builds the renderer into dist/renderer. Electron loads it from file://, so asset URLs are relative;
// `berth ui` serves the same files over http://127.0.0.1.

import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** devCsp relaxes the page's Content-Security-Policy under `vite serve` only: React Refresh injects an inline
 * script and talks to the dev server over a WebSocket. Built pages keep the strict policy from index.html. */
function devCsp(): Plugin {
  return {
    name: 'berth-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://127.0.0.1:*");
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), devCsp()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // One small app: a single chunk loads fastest from disk.
    chunkSizeWarningLimit: 1024,
  },
  server: { host: '127.0.0.1', strictPort: false },
  preview: { host: '127.0.0.1' },
});
