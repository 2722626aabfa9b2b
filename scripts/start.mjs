// `npm start`: make sure the Electron runtime and an Electron build of better-sqlite3 exist, then build and
// open the app. Every failure ends in one plain message that names the fix, never a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronVersion, ensureElectronNativeModule } from './native-modules.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const mode = process.argv[2] === 'dev' ? 'dev' : 'preview';

function fail(lines) {
  process.stderr.write(`\n${lines.join('\n')}\n\n`);
  process.exit(1);
}

function electronInstalled() {
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  return existsSync(pathFile) && existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8')));
}

function ensureElectronBinary() {
  if (electronInstalled()) return;
  const version = electronVersion();
  process.stderr.write(`Downloading the Electron ${version} runtime (first start only)…\n`);
  const dir = dirname(require.resolve('electron/package.json'));
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (result.status === 0 && electronInstalled()) return;
  const reason =
    `${result.stderr ?? ''}`
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l && !l.startsWith('at ')) ?? 'unknown error';
  fail([
    `SupplyGrid could not download the Electron ${version} runtime: ${reason}`,
    '',
    'Electron is fetched from GitHub on first start. Behind a firewall (or in mainland China), use a mirror:',
    '    ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start',
    '(on Windows: set ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ then npm start).',
    'A corporate proxy works too: set HTTPS_PROXY before npm start.',
    '',
    'Without Electron, everything else still works from the terminal: npx supplygrid sync --demo',
  ]);
}

ensureElectronBinary();
let nativeBinding;
try {
  nativeBinding = ensureElectronNativeModule();
} catch (error) {
  fail([`SupplyGrid could not prepare its database module for Electron: ${error.message}`]);
}

const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
const child = spawn(process.execPath, [cli, mode], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SUPPLYGRID_NATIVE_BINDING: nativeBinding },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
