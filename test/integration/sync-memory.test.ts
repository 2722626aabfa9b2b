import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const RUNNER = fileURLToPath(new URL('../../bin/run-ts.mjs', import.meta.url));
const CHILD = fileURLToPath(new URL('./sync-memory-child.ts', import.meta.url));

function runChild(offers: number): Promise<{
  baselineMiB: number;
  peakMiB: number;
  full: { status: string; counts: { offers: number } };
  incremental: { status: string; mode: string; counts: { changed: number } };
}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNNER, CHILD, String(offers)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`memory child failed: ${stderr}`)),
    );
  });
}

describe('memory of a large sync', () => {
  it('a 100k-offer full sync, then a 1 % incremental one, stay far below 300 MiB peak RSS in the syncing process', async () => {
    const result = await runChild(100_000);
    // The figure for the report and the bench; the process starts (TypeScript loader, SQLite) at the baseline.
    console.log(`100k-offer sync: peak RSS ${result.peakMiB} MiB (process baseline ${result.baselineMiB} MiB)`);
    expect(result.full).toMatchObject({ status: 'ok', counts: { offers: 100_000 } });
    expect(result.incremental).toMatchObject({ status: 'ok', mode: 'incremental', counts: { changed: 1000 } });
    expect(result.peakMiB).toBeLessThan(300);
    // Growth over the baseline bounded well below the catalog's size as JS objects (several hundred MiB).
    expect(result.peakMiB - result.baselineMiB).toBeLessThan(200);
  }, 120_000);
});
