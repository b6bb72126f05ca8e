import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds the dashboard into `dist/dashboard/`, served by longhaul at `/` and `/dashboard` (see
 * `src/http/dashboardRoute.ts`), its hashed assets under `/dashboard/assets/`. Everything (React, graphql-ws, uPlot
 * and their styles) is bundled: the page loads nothing from elsewhere. Run by `scripts/ensure-install.mjs`; by hand:
 * `npm run build:dashboard`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/dashboard/',
  publicDir: false,
  logLevel: 'warn',
  // React 17+ JSX transform: no `import React` in every file.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    // Every asset stays a file under /dashboard/assets/ (none are inlined as data: URLs).
    assetsInlineLimit: 0,
  },
});
