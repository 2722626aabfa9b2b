import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeNativeModules } from '../scripts/native-modules.mjs';
import { findBrowser, NO_BROWSER_MESSAGE } from './e2e/find-browser';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Once per test run: better-sqlite3 built for Node's ABI (npm run dist rebuilds it for Electron), and a fresh
 * `electron-vite build`, which the build-output checks read and the end-to-end tests serve.
 * SUPPLYGRID_TEST_REUSE_BUILD=1 skips the build while iterating on tests that do not touch the renderer.
 */
export default function setup(): void {
  if (runsEndToEnd() && !findBrowser()) {
    // One line, before anything is built, instead of every end-to-end file failing to launch a browser on its own.
    process.stderr.write(`\n${NO_BROWSER_MESSAGE}\n\n`);
    process.exit(1);
  }
  ensureNodeNativeModules();
  if (process.env.SUPPLYGRID_TEST_REUSE_BUILD === '1') return;
  const cli = join(
    dirname(createRequire(join(root, 'package.json')).resolve('electron-vite/package.json')),
    'bin',
    'electron-vite.js',
  );
  const build = spawnSync(process.execPath, [cli, 'build'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0)
    throw new Error(`electron-vite build failed:\n${`${build.stderr}`.split('\n').slice(0, 20).join('\n')}`);
}

/** Whether this run includes end-to-end files: no file filters on the command line, or one naming them. */
function runsEndToEnd(): boolean {
  const args = process.argv.slice(process.argv.indexOf('run') + 1);
  const filters = args.filter(
    (arg, index) =>
      !arg.startsWith('-') && !(args[index - 1] ?? '').match(/^--(project|config|root|dir|reporter|pool)$/),
  );
  return filters.length === 0 || filters.some((filter) => filter.includes('e2e'));
}
