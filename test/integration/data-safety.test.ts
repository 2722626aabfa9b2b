import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/api/handlers';
import { MAX_CONFIG_FILE_BYTES, MAX_CONFIG_SUPPLIERS } from '../../src-main/config/app-config';
import { getRun } from '../../src-main/db/catalog-repo';
import { openDatabase } from '../../src-main/db/open';
import { startWebPreview } from '../../src-main/web/preview';
import { runCli } from '../helpers/run-cli';

const RUNNER = fileURLToPath(new URL('../../bin/run-ts.mjs', import.meta.url));
const HOLDER = fileURLToPath(new URL('../helpers/run-holder.ts', import.meta.url));

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'supplygrid-data-safety-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
const mode = (file: string) => statSync(file).mode & 0o777;

const connection = (extra: Record<string, unknown> = {}) => ({
  id: 'shop',
  kind: 'dujiao-next',
  baseUrl: 'https://shop.example.com',
  apiKey: 'k',
  apiSecret: 'a-secret',
  ...extra,
});

describe('config files', () => {
  it('a refused config writes no database, in the CLI and at app start', async () => {
    const dir = tempDir();
    const config = join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ suppliers: [connection({ baseUrl: 'file:///etc/passwd' })] }));
    const dbFile = join(dir, 'new', 'supplygrid.db');
    const result = await runCli(['sync', '--config', config, '--db', dbFile]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /suppliers\[0\] \(id "shop"\): baseUrl: baseUrl must be an http:\/\/ or https:\/\/ URL, not file:/,
    );
    expect(existsSync(dbFile)).toBe(false);
    expect(existsSync(join(dir, 'new'))).toBe(false);

    const dataDir = join(dir, 'app');
    rmSync(dataDir, { recursive: true, force: true });
    await import('node:fs').then((fs) => fs.mkdirSync(dataDir));
    writeFileSync(
      join(dataDir, 'suppliers.json'),
      JSON.stringify({ suppliers: [connection({ baseUrl: 'https://u:p@shop.example.com' })] }),
    );
    await expect(startWebPreview({ dataDir })).rejects.toThrow(/baseUrl must not hold a user name or password/);
    expect(readdirSync(dataDir)).toEqual(['suppliers.json']);
  });

  it('caps a config file in bytes and in suppliers, before reading it whole', async () => {
    const dir = tempDir();
    const big = join(dir, 'big.json');
    writeFileSync(big, JSON.stringify({ suppliers: [connection({ name: 'x'.repeat(MAX_CONFIG_FILE_BYTES) })] }));
    const tooBig = await runCli(['sync', '--config', big, '--db', join(dir, 'a.db')]);
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toMatch(new RegExp(`big\\.json is \\d+ bytes; at most ${MAX_CONFIG_FILE_BYTES} are read`));

    const many = join(dir, 'many.json');
    writeFileSync(
      many,
      JSON.stringify({
        suppliers: Array.from({ length: MAX_CONFIG_SUPPLIERS + 1 }, (_, i) => connection({ id: `s${i}` })),
      }),
    );
    const tooMany = await runCli(['sync', '--config', many, '--db', join(dir, 'b.db')]);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toMatch(new RegExp(`field suppliers: must have at most ${MAX_CONFIG_SUPPLIERS} entries`));
    expect(existsSync(join(dir, 'a.db')) || existsSync(join(dir, 'b.db'))).toBe(false);
  });

  it('after importing a suppliers.json with secrets, the app says the file is still there in clear, until it is gone', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'suppliers.json');
    writeFileSync(file, JSON.stringify({ suppliers: [connection({ baseUrl: 'http://127.0.0.1:9' })] }));
    const preview = await startWebPreview({ dataDir });
    cleanups.push(() => preview.close());
    const api = createHandlers(preview.services);
    expect((await api['app.info']()).notices).toEqual([{ code: 'config.secretsInClear', params: { file } }]);
    unlinkSync(file);
    expect((await api['app.info']()).notices).toEqual([]);
  });

  it('the CLI says a config it reads holds secrets in clear', async () => {
    const dir = tempDir();
    const config = join(dir, 'suppliers.json');
    // A refused order (no --yes) reads the config and stops before any request.
    writeFileSync(config, JSON.stringify({ suppliers: [connection({ baseUrl: 'http://127.0.0.1:9' })] }), {
      mode: 0o644,
    });
    const result = await runCli([
      'order',
      '--config',
      config,
      '--supplier',
      'shop',
      '--sku',
      '1',
      '--db',
      join(dir, 'c.db'),
    ]);
    expect(result.stderr).toContain(
      `note: ${config} holds supplier secrets in clear text and other users of this machine can read it`,
    );
  });
});

describe('file modes', () => {
  it('the database folder is 0700 and the database, -wal and -shm files 0600', () => {
    const dir = tempDir();
    const dbFile = join(dir, 'data', 'supplygrid.db');
    const db = openDatabase(dbFile);
    cleanups.push(() => db.close());
    db.prepare(`INSERT INTO app_state (key, value) VALUES ('x', 'y')`).run();
    expect(mode(join(dir, 'data'))).toBe(0o700);
    for (const file of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) expect(mode(file), file).toBe(0o600);
  });

  it("the app's data folder is made owner-only, and a database an older version left readable is tightened", async () => {
    const dataDir = tempDir();
    await import('node:fs').then((fs) => {
      fs.chmodSync(dataDir, 0o755);
      fs.writeFileSync(join(dataDir, 'supplygrid.db'), '', { mode: 0o644 });
      fs.chmodSync(join(dataDir, 'supplygrid.db'), 0o644);
    });
    const preview = await startWebPreview({ dataDir });
    cleanups.push(() => preview.close());
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'supplygrid.db'))).toBe(0o600);
  });
});

function holdRun(dbFile: string, supplierId: string): Promise<{ child: ChildProcess; runId: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNNER, HOLDER, dbFile, supplierId], { stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(() => child.kill('SIGKILL'));
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /started (\d+)/.exec(out);
      if (match) resolve({ child, runId: Number(match[1]) });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`holder exited early (${code})`)));
  });
}

describe('runs a killed process left running', () => {
  it("the CLI closes them as interrupted at start, and leaves a live process's run alone", async () => {
    const dir = tempDir();
    const dbFile = join(dir, 'supplygrid.db');
    openDatabase(dbFile).close();
    const killed = await holdRun(dbFile, 'killed');
    const live = await holdRun(dbFile, 'live');
    await new Promise<void>((resolve) => {
      killed.child.once('exit', () => resolve());
      killed.child.kill('SIGKILL');
    });

    const result = await runCli(['changes', '--db', dbFile]);
    expect(result.stderr).toContain(`Closed 1 sync run left running by a process that stopped (#${killed.runId}`);

    const db = openDatabase(dbFile);
    cleanups.push(() => db.close());
    expect(getRun(db, killed.runId)).toMatchObject({ status: 'failed', error: '@sync.interrupted' });
    expect(getRun(db, live.runId)).toMatchObject({ status: 'running' });
  }, 60_000);
});
