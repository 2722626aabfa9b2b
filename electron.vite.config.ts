import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const migrationsDir = resolve(__dirname, 'src-main/db/migrations');

/** Ships the numbered SQL migrations beside the main bundle, where db/migrate.ts looks for them. */
function copyMigrations(): Plugin {
  return {
    name: 'supplygrid-copy-migrations',
    generateBundle() {
      for (const file of readdirSync(migrationsDir).filter((f) => f.endsWith('.sql'))) {
        this.emitFile({
          type: 'asset',
          fileName: `migrations/${file}`,
          source: readFileSync(resolve(migrationsDir, file), 'utf8'),
        });
      }
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // better-sqlite3 (native) and every other dependency stay in node_modules, loaded at run time.
      externalizeDeps: true,
      // The services run in a worker thread of their own (SQLite, sync, grid rebuilds): a second entry. Large syncs
      // run in sync worker threads the services start (sync/worker/pool.ts): a third.
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          'services-worker': resolve(__dirname, 'src-main/api/worker-entry.ts'),
          'sync-worker': resolve(__dirname, 'src-main/sync/worker/entry.ts'),
        },
        // Every bundle flat in out/main: modules find files beside themselves (db/migrate.ts its migrations/,
        // sync/worker/pool.ts the sync worker), wherever the bundler puts the code they share.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
    plugins: [copyMigrations()],
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load ES modules: emit CommonJS, named .cjs because package.json says "type": "module".
      rolldownOptions: {
        input: { preload: resolve(__dirname, 'src-main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      minify: true,
      rolldownOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
    plugins: [react()],
  },
});
