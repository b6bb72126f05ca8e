import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds GraphiQL into `dist/graphiql/`, served by longhaul at `/graphiql` (see `src/http/graphiqlRoute.ts`).
 * Everything (scripts, styles, Monaco workers, fonts) is bundled: the page loads nothing from elsewhere.
 * Run by `scripts/ensure-install.mjs`; by hand: `npm run build:graphiql`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/graphiql/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/graphiql', import.meta.url)),
    emptyOutDir: true,
    // Monaco and GraphiQL are large by nature; the page is a developer tool, loaded once.
    chunkSizeWarningLimit: 8000,
    rolldownOptions: {
      // framer-motion's "use client" directives mean nothing outside React Server Components.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  worker: { format: 'es' },
});
