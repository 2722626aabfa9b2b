import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

// What no Electron-less test can run, checked on the real build output instead: the shape Electron needs.
// test/global-setup.ts runs `electron-vite build` before any test.
describe('electron-vite build output', () => {
  it('emits a CommonJS preload (sandboxed preloads cannot be ES modules)', () => {
    const preload = readFileSync(join(root, 'out/preload/preload.cjs'), 'utf8');
    expect(preload).toMatch(/require\("electron"\)/);
    // A sandboxed preload can require nothing but electron (and must not try): every require names it.
    const required = [...preload.matchAll(/\brequire\(\s*([^)]*?)\s*\)/g)].map((m) => m[1]);
    expect(required.length).toBeGreaterThan(0);
    expect(new Set(required)).toEqual(new Set(['"electron"']));
    expect(preload).not.toMatch(/\bimport\(/);
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect(preload).not.toMatch(/^\s*export\s/m);
    expect(preload).toContain('exposeInMainWorld');
  });

  it('runs the services in their own worker bundle, loaded from beside the main bundle', () => {
    const main = readFileSync(join(root, 'out/main/index.js'), 'utf8');
    expect(main).toContain('./services-worker.js');
    expect(main).not.toMatch(/from "better-sqlite3"/);
    // Modules find files beside themselves (db/migrate.ts its migrations/, the sync pool its worker): every bundle,
    // shared chunks included, sits flat in out/main, where those files are.
    const bundles = readdirSync(join(root, 'out/main'), { withFileTypes: true });
    expect(bundles.filter((entry) => entry.isDirectory()).map((entry) => entry.name)).toEqual(['migrations']);
  });

  it('builds the sync worker as an entry of its own, started by the bundle that holds the sync pool', () => {
    expect(existsSync(join(root, 'out/main/sync-worker.js'))).toBe(true);
    const starters = readdirSync(join(root, 'out/main')).filter(
      (file) => file.endsWith('.js') && readFileSync(join(root, 'out/main', file), 'utf8').includes('./sync-worker.js'),
    );
    expect(starters.length).toBeGreaterThan(0);
  });

  it('keeps better-sqlite3 external to the main-process bundles and ships the migrations beside them', () => {
    const main = readdirSync(join(root, 'out/main'))
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(join(root, 'out/main', file), 'utf8'))
      .join('\n');
    expect(main).toMatch(/from "better-sqlite3"/);
    expect(main).not.toContain('better_sqlite3.node');
    expect(main).not.toContain('node_modules/better-sqlite3');
    const shipped = readdirSync(join(root, 'out/main/migrations'));
    expect(shipped).toEqual(readdirSync(join(root, 'src-main/db/migrations')).filter((f) => f.endsWith('.sql')));
    for (const file of shipped) {
      expect(readFileSync(join(root, 'out/main/migrations', file), 'utf8')).toBe(
        readFileSync(join(root, 'src-main/db/migrations', file), 'utf8'),
      );
    }
  });

  it('loads the preload as .cjs and the packaged renderer from out/renderer/index.html', () => {
    const main = readFileSync(join(root, 'out/main/index.js'), 'utf8');
    expect(main).toContain('../preload/preload.cjs');
    expect(main).toContain('../renderer/index.html');
    expect(main).toContain('ELECTRON_RENDERER_URL');
    // The dev server's URL is read only when the app is not packaged.
    expect(main).toMatch(/app\.isPackaged\s*\?\s*(?:void 0|undefined)\s*:[^;\n]*process\.env\.ELECTRON_RENDERER_URL/);
    expect(main.match(/process\.env\.ELECTRON_RENDERER_URL/g)).toHaveLength(1);
    // Frames are the app's own only by exact origin (dev server) or by living under out/renderer/.
    expect(main).toMatch(/\.origin === new URL\(rendererUrl\)\.origin/);
    expect(main).toMatch(/pathToFileURL\(rendererDir\)\.href/);
    expect(main).not.toContain('includes("/out/renderer/")');
    // One instance per data folder; a second launch brings the first to the front.
    expect(main).toContain('requestSingleInstanceLock()');
    expect(main).toContain('"second-instance"');
    expect(main).toMatch(/sandbox: true/);
    expect(main).toMatch(/contextIsolation: true/);
    expect(main).toMatch(/nodeIntegration: false/);
  });

  it('builds a renderer page with a strict Content-Security-Policy', () => {
    const html = readFileSync(join(root, 'out/renderer/index.html'), 'utf8');
    expect(html).toMatch(/Content-Security-Policy/);
    expect(html).toMatch(/default-src 'self'/);
    expect(html).toMatch(/script-src 'self'/);
    expect(html).not.toMatch(/unsafe-eval/);
  });

  it('packages exactly the build output, with the native module unpacked from asar', () => {
    const config = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    expect(config).toMatch(/files:\n\s+- out\/\*\*/);
    // The CLI's TypeScript runner is a dependency of the CLI, not of the app: left out of the package.
    for (const excluded of ['tsx', 'esbuild', '@esbuild'])
      expect(config).toMatch(new RegExp(`- (["'])!\\*\\*/node_modules/${excluded}/\\*\\*\\1`));
    // Fuses flipped in the packaged binary: no run-as-node, no NODE_OPTIONS, no --inspect, code only from a checked asar.
    const fuses = /\nelectronFuses:\n((?:[ ]+.*\n?)+)/.exec(config)?.[1] ?? '';
    const flags = Object.fromEntries(
      [...fuses.matchAll(/^\s+(\w+):\s*(true|false)\s*$/gm)].map((m) => [m[1], m[2] === 'true']),
    );
    expect(flags).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
    expect(config).toMatch(/asarUnpack:\n\s+- (["'])\*\*\/node_modules\/better-sqlite3\/\*\*\1/);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.allowScripts?.['better-sqlite3']).toBe(true);
  });
});
