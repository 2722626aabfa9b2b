import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(join(root, 'package.json'));

// Electronegativity audits the built app (test/global-setup.ts builds it) for Electron misconfigurations.
describe('Electron security audit (electronegativity)', () => {
  it('finds nothing of high severity in the built app', () => {
    const dir = mkdtempSync(join(tmpdir(), 'supplygrid-audit-'));
    try {
      const report = join(dir, 'report.csv');
      const cli = join(dirname(require.resolve('@doyensec/electronegativity/package.json')), 'dist', 'index.js');
      const electron = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
      const run = spawnSync(process.execPath, [cli, '-i', join(root, 'out'), '-e', electron, '-o', report], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(run.error).toBeUndefined();
      const rows = readFileSync(report, 'utf8').trim().split('\n').slice(1);
      const high = rows.filter((row) => /^[A-Z_]+,"(HIGH|CRITICAL)"/.test(row));
      expect(high, high.join('\n')).toEqual([]);
      // The audit really ran over our files: the preload check always reports our (reviewed) preload.
      expect(rows.some((row) => row.startsWith('PRELOAD_JS_CHECK'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
