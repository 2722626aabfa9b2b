import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeNativeModules } from '../scripts/native-modules.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Once per test run: better-sqlite3 built for Node's ABI (npm run dist rebuilds it for Electron), and a fresh
 * `electron-vite build`, which the build-output checks read and the end-to-end tests serve.
 */
export default function setup(): void {
  ensureNodeNativeModules();
  const cli = join(dirname(createRequire(join(root, 'package.json')).resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  execFileSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'pipe' });
}
