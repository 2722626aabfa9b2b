// better-sqlite3 is a native module: Node (tests, CLI) and Electron (the app) need different builds of it.
// Node's build lives where npm puts it (node_modules/better-sqlite3/build); Electron's is built once per
// Electron version into .cache/electron-native/ and handed to the app through SUPPLYGRID_NATIVE_BINDING.
// Neither build overwrites the other, so `npm test` and `npm start` work in any order.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Loads better-sqlite3 in a fresh Node; rebuilds it for this Node if it was built for another ABI (e.g. by electron-builder). */
export function ensureNodeNativeModules() {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: root,
    encoding: 'utf8',
  });
  if (probe.status === 0) return;
  const reason =
    `${probe.stderr}`
      .split('\n')
      .find((line) => /NODE_MODULE_VERSION|Could not locate|invalid ELF|was compiled/.test(line)) ??
    probe.stderr.trim().split('\n')[0];
  process.stderr.write(
    `better-sqlite3 is not usable by this Node (${reason?.trim()}); rebuilding it for Node ${process.version}…\n`,
  );
  execFileSync(npm, ['rebuild', 'better-sqlite3'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
}

export function electronVersion() {
  return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
}

/** Path of the Electron-ABI better_sqlite3.node for the installed Electron, building it on first use. */
export function ensureElectronNativeModule(log = (line) => process.stderr.write(`${line}\n`)) {
  const version = electronVersion();
  const target = join(
    root,
    '.cache',
    'electron-native',
    `electron-${version}-${process.platform}-${process.arch}`,
    'better_sqlite3.node',
  );
  if (existsSync(target)) return target;
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  const work = mkdtempSync(join(tmpdir(), 'supplygrid-native-'));
  try {
    cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${join(source, 'build')}`) });
    log(`Building the SQLite module for Electron ${version} (once per Electron version)…`);
    const env = {
      ...process.env,
      npm_config_runtime: 'electron',
      npm_config_target: version,
      npm_config_disturl: process.env.ELECTRON_HEADERS_MIRROR ?? 'https://electronjs.org/headers',
    };
    const prebuilt = spawnSync(
      process.execPath,
      [
        require.resolve('prebuild-install/bin.js'),
        '--runtime',
        'electron',
        '--target',
        version,
        '--arch',
        process.arch,
      ],
      { cwd: work, env, stdio: 'pipe', encoding: 'utf8' },
    );
    if (prebuilt.status !== 0) {
      const gyp = require.resolve('node-gyp/bin/node-gyp.js');
      const built = spawnSync(
        process.execPath,
        [
          gyp,
          'rebuild',
          '--release',
          `--target=${version}`,
          '--runtime=electron',
          `--dist-url=${env.npm_config_disturl}`,
        ],
        { cwd: work, env, stdio: 'pipe', encoding: 'utf8' },
      );
      if (built.status !== 0) {
        throw new Error(
          `could not build better-sqlite3 for Electron ${version}.\n  prebuilt download: ${lastLine(prebuilt.stderr)}\n  source build: ${lastLine(built.stderr)}\n` +
            'Both need the network (GitHub for prebuilt binaries, electronjs.org for headers). Behind a firewall, set ELECTRON_HEADERS_MIRROR to a mirror of https://electronjs.org/headers.',
        );
      }
    }
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function lastLine(text) {
  return `${text ?? ''}`.trim().split('\n').filter(Boolean).pop() ?? 'failed';
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'electron') console.log(ensureElectronNativeModule());
  else ensureNodeNativeModules();
}
