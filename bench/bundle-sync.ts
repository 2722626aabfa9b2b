// The syncing and grid processes of `npm run bench`, bundled as the app ships its main-process code (electron-vite
// bundles it): without the TypeScript loader, which would otherwise compile the module graph again in every sync
// worker thread and add its own thread to each, costs the desktop app never pays.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Beside bin/ and src-main/, so the bundle's relative URLs (../bin/run-ts.mjs, ./migrations/) resolve. */
export const BENCH_BUILD_DIR = `${root}.bench-build`;

/** Bundles bench/sync-child.ts, the sync worker and bench/grid-child.ts into .bench-build/; returns their paths. */
export async function bundleBenchChildren(): Promise<{ syncChild: string; gridChild: string }> {
  rmSync(BENCH_BUILD_DIR, { recursive: true, force: true });
  mkdirSync(BENCH_BUILD_DIR, { recursive: true });
  await build({
    entryPoints: {
      'sync-child': `${root}bench/sync-child.ts`,
      'sync-worker': `${root}bench/sync-worker.ts`,
      'grid-child': `${root}bench/grid-child.ts`,
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: BENCH_BUILD_DIR,
    external: ['better-sqlite3'],
    // Some dependencies are CommonJS and require() Node's modules; an ES module bundle has no require of its own.
    banner: {
      js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);",
    },
    logLevel: 'warning',
  });
  cpSync(`${root}src-main/db/migrations`, `${BENCH_BUILD_DIR}/migrations`, { recursive: true });
  return { syncChild: `${BENCH_BUILD_DIR}/sync-child.js`, gridChild: `${BENCH_BUILD_DIR}/grid-child.js` };
}
