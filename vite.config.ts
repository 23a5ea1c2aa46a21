/**
 * Vite builds the browser apps, multi-page: each app is a folder with an index.html (kiosk/, the
 * citizen's phone page in phone/, later display/, officer/, admin/) and they share one assets/
 * folder in dist/apps, which the server serves (server/apps.ts). Vitest runs the tests.
 *
 * Build target Chromium 87: kiosk PCs and Android TV boxes run old WebViews.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { APPS } from './shared/protocol/apps.js';

export default defineConfig({
  root: '.',
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  build: {
    outDir: 'dist/apps',
    emptyOutDir: true,
    target: 'chrome87',
    cssTarget: 'chrome87',
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    rollupOptions: {
      input: Object.fromEntries(APPS.map((app) => [app, resolve(import.meta.dirname, app, 'index.html')])),
    },
  },
  server: {
    // `npm run dev:apps`: pages with hot reload, the API from the server on 8080.
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/socket.io': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    globalSetup: ['tests/helpers/build-apps.ts'],
  },
});
