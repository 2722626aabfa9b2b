import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { openDatabase } from '../../src-main/db/open';
import { aesSecretBox, keyFileSecretBox, loadOrCreateKeyFile, readKeyFile } from '../../src-main/secrets/secret-box';
import { ConnectionsService } from '../../src-main/services/connections-service';
import { osKeychainDataKey } from '../../src-main/shell/safe-storage-box';
import { startWebPreview } from '../../src-main/web/preview';
import { bridgeCall } from '../helpers/bridge-call';
import { SUPPLIER_KINDS } from '../../src-main/suppliers/registry';
import { decodeCodedIssue } from '../../src-shared/coded-issue';

// Lets a test run a competing creator at the exact moment a key file is about to be created: before the first call
// that changes anything on disk under a folder the test names. Every call goes through unchanged otherwise.
const fsHook = vi.hoisted(() => ({ before: null as null | ((target: string) => void) }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const hooked = <F extends (...args: never[]) => unknown>(fn: F): F =>
    ((...args: Parameters<F>) => {
      const hook = fsHook.before;
      if (hook && typeof args[0] === 'string') hook(args[0]);
      return fn(...args);
    }) as F;
  const changes = {
    mkdirSync: hooked(fs.mkdirSync),
    openSync: hooked(fs.openSync),
    writeFileSync: hooked(fs.writeFileSync),
    linkSync: hooked(fs.linkSync),
    renameSync: hooked(fs.renameSync),
    copyFileSync: hooked(fs.copyFileSync),
  };
  return { ...fs, ...changes, default: { ...fs, ...changes } };
});

/** Runs `competitor` once, to completion, just before the first change on disk under `dir`. */
function raceAt<T>(dir: string, competitor: () => T): () => T | undefined {
  let result: T | undefined;
  fsHook.before = (target) => {
    if (!target.startsWith(dir)) return;
    fsHook.before = null;
    result = competitor();
  };
  cleanups.push(() => (fsHook.before = null));
  return () => result;
}

// Electron's safeStorage, played by a reversible stand-in: what matters here is which data key the app ends up with.
const keychain = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret', seals: 0 }));
vi.mock('electron', () => {
  const flip = (bytes: Uint8Array) => Buffer.from(Array.from(bytes, (b) => b ^ 0x5a));
  return {
    safeStorage: {
      isEncryptionAvailable: () => keychain.available,
      getSelectedStorageBackend: () => keychain.backend,
      encryptString: (text: string) => {
        keychain.seals++;
        return Buffer.concat([Buffer.from('KC1'), flip(Buffer.from(text, 'utf8'))]);
      },
      decryptString: (sealed: Buffer) => {
        if (!sealed.subarray(0, 3).equals(Buffer.from('KC1')))
          throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
        return flip(sealed.subarray(3)).toString('utf8');
      },
    },
  };
});

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('secrets stay in the main process', () => {
  it('never cross the bridge, never reach stdout/stderr, and are sealed at rest', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'supplygrid-secrets-'));
    const outbound: string[] = [];
    const printed: string[] = [];
    const preview = await startWebPreview({
      dataDir,
      onTraffic: (direction, text) => direction === 'out' && outbound.push(text),
    });
    cleanups.push(
      () => rmSync(dataDir, { recursive: true, force: true }),
      () => preview.close(),
    );
    const write = (stream: NodeJS.WriteStream) => {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
        printed.push(String(chunk));
        return original(chunk, ...rest);
      }) as typeof stream.write;
      cleanups.push(() => (stream.write = original));
    };
    write(process.stdout);
    write(process.stderr);

    // Every secret the demo suppliers are configured with.
    const demoConnections = preview.services.activeConnections() as unknown as Array<Record<string, unknown>>;
    const secrets = demoConnections.flatMap((connection) =>
      SUPPLIER_KINDS.find((k) => k.kind === connection.kind)!.secretFields.map((field) => String(connection[field])),
    );
    expect(secrets.length).toBe(SUPPLIER_KINDS.length);

    // A full session: look around, sync, browse, add a real connection, test it, sync it.
    await bridgeCall(preview, 'app.info');
    await bridgeCall(preview, 'suppliers.kinds');
    await bridgeCall(preview, 'suppliers.list');
    await bridgeCall(preview, 'sync.run');
    const page = await bridgeCall(preview, 'grid.query', { limit: 20 });
    await bridgeCall(preview, 'grid.row', page.rows[0].id);
    const runs = await bridgeCall(preview, 'sync.runs');
    // Every change of the run, a page at a time, as the diff's "show more" fetches them.
    for (let offset = 0, total = 1; offset < total; offset += 200) {
      const page = await bridgeCall(preview, 'sync.changes', runs[0].id, { language: 'en', offset, limit: 200 });
      total = page.total;
      expect(page.rows.length).toBe(Math.min(200, total - offset));
    }
    await bridgeCall(preview, 'pricing.rules');
    // The merchant's "real" wholesaler: its own simulator (adding a real supplier stops the demo ones).
    const wholesaler = await SUPPLIER_KINDS.find((k) => k.kind === 'dujiao-next')!.startSimulator({ seed: 77 });
    cleanups.push(() => wholesaler.close());
    const dujiao = wholesaler.connection as Record<string, unknown>;
    secrets.push(String(dujiao.apiSecret));
    const typedSecret = String(dujiao.apiSecret);
    const failing = await bridgeCall(preview, 'suppliers.test', {
      kind: 'dujiao-next',
      name: 'x',
      settings: { baseUrl: dujiao.baseUrl, apiKey: dujiao.apiKey },
      secrets: { apiSecret: 'wrong-secret-typed-by-merchant' },
    });
    expect(failing).toMatchObject({ ok: false, error: expect.stringMatching(/invalid_signature/) });
    const saved = await bridgeCall(preview, 'suppliers.save', {
      kind: 'dujiao-next',
      name: 'My wholesaler',
      settings: { baseUrl: dujiao.baseUrl, apiKey: dujiao.apiKey },
      secrets: { apiSecret: typedSecret },
    });
    expect(saved.secrets).toEqual({ apiSecret: true });
    expect(
      await bridgeCall(preview, 'suppliers.test', {
        id: saved.id,
        kind: 'dujiao-next',
        name: 'My wholesaler',
        settings: {},
        secrets: {},
      }),
    ).toMatchObject({ ok: true, currency: 'CNY' });
    expect((await bridgeCall(preview, 'sync.run'))[0]).toMatchObject({ status: 'ok' });
    await bridgeCall(preview, 'suppliers.list');
    await bridgeCall(preview, 'grid.query', { limit: 50 });

    const everything = outbound.join('\n') + printed.join('\n');
    for (const secret of [...secrets, 'wrong-secret-typed-by-merchant'])
      expect(everything.includes(secret), `a secret crossed the bridge or was printed`).toBe(false);

    // At rest: the database holds no secret in clear, and the key file is readable by its owner only.
    const db = new BetterSqlite3(join(dataDir, 'supplygrid.db'), { readonly: true });
    const raw = JSON.stringify(db.prepare('SELECT * FROM supplier_connections').all(), (_k, v) =>
      Buffer.isBuffer(v) || v?.type === 'Buffer' ? Buffer.from(v).toString('latin1') : v,
    );
    db.close();
    expect(raw).toContain('My wholesaler');
    expect(raw.includes(typedSecret)).toBe(false);
    if (process.platform !== 'win32') expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDir, 'secret.key'), 'utf8').includes(typedSecret)).toBe(false);
  }, 60_000);
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A connection with one secret, saved through the service with the given box; returns its id and the secret. */
function saveWith(dataDir: string, box: ReturnType<typeof aesSecretBox>): { id: string; secret: string } {
  const db = openDatabase(join(dataDir, 'supplygrid.db'));
  try {
    const secret = `secret-${randomBytes(8).toString('hex')}`;
    const view = new ConnectionsService(db, box).save({
      kind: 'dujiao-next',
      name: 'Shop',
      settings: { baseUrl: 'https://shop.example.com', apiKey: 'key-1' },
      secrets: { apiSecret: secret },
    });
    return { id: view.id, secret };
  } finally {
    db.close();
  }
}

function resolvedSecret(dataDir: string, box: ReturnType<typeof aesSecretBox>, id: string): unknown {
  const db = openDatabase(join(dataDir, 'supplygrid.db'));
  try {
    return (new ConnectionsService(db, box).resolve(id) as unknown as Record<string, unknown>).apiSecret;
  } finally {
    db.close();
  }
}

describe('one data key per data folder, whichever entry point made it', () => {
  beforeEach(() => {
    keychain.available = true;
    keychain.backend = 'gnome_libsecret';
    keychain.seals = 0;
  });

  it('the app adopts the key file the browser preview made, so the secrets it saved stay readable', () => {
    const dataDir = tempDir('supplygrid-adopt-');
    const saved = saveWith(dataDir, keyFileSecretBox(dataDir));
    const fileKey = readKeyFile(join(dataDir, 'secret.key'))!;

    const dataKey = osKeychainDataKey(dataDir);
    expect(dataKey.sealedBy).toBe('os-keychain');
    expect(dataKey.key.equals(fileKey)).toBe(true);
    expect(resolvedSecret(dataDir, aesSecretBox(dataKey.key, 'os-keychain'), saved.id)).toBe(saved.secret);
    // The merchant is told the key also sits in a file, and which one.
    expect(decodeCodedIssue(dataKey.warning!)?.params.path).toBe(join(dataDir, 'secret.key'));
    const sealedFile = join(dataDir, 'secret.key.sealed');
    if (process.platform !== 'win32') expect(statSync(sealedFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(sealedFile).includes(Buffer.from(fileKey.toString('base64')))).toBe(false);

    // Later starts unseal the same key without sealing a new one; the preview still reads what the app saves.
    const again = osKeychainDataKey(dataDir);
    expect(again.key.equals(fileKey)).toBe(true);
    expect(keychain.seals).toBe(1);
    const appSaved = saveWith(dataDir, aesSecretBox(again.key, 'os-keychain'));
    expect(resolvedSecret(dataDir, keyFileSecretBox(dataDir), appSaved.id)).toBe(appSaved.secret);
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('without a key file the keychain seals a fresh key and no key file is made', () => {
    const dataDir = tempDir('supplygrid-fresh-');
    const dataKey = osKeychainDataKey(dataDir);
    expect(dataKey).toMatchObject({ sealedBy: 'os-keychain', warning: null });
    expect(dataKey.key).toHaveLength(32);
    expect(existsSync(join(dataDir, 'secret.key'))).toBe(false);
    expect(osKeychainDataKey(dataDir).key.equals(dataKey.key)).toBe(true);
  });

  it('without a keyring the app uses the key file itself, exactly the key the preview uses', () => {
    const dataDir = tempDir('supplygrid-nokeyring-');
    keychain.backend = 'basic_text';
    const dataKey = osKeychainDataKey(dataDir);
    expect(dataKey.sealedBy).toBe('key-file');
    expect(decodeCodedIssue(dataKey.warning!)?.params.path).toBe(join(dataDir, 'secret.key'));
    expect(dataKey.key.equals(readKeyFile(join(dataDir, 'secret.key'))!)).toBe(true);
    expect(existsSync(join(dataDir, 'secret.key.sealed'))).toBe(false);
    keychain.available = false;
    keychain.backend = 'gnome_libsecret';
    expect(osKeychainDataKey(dataDir).key.equals(dataKey.key)).toBe(true);
  });

  it('refuses a key file or a sealed key that is not exactly one 32-byte key, instead of sealing with it', () => {
    const dataDir = tempDir('supplygrid-badkey-');
    writeFileSync(join(dataDir, 'secret.key'), randomBytes(16).toString('base64'), { mode: 0o600 });
    keychain.available = false;
    expect(() => osKeychainDataKey(dataDir)).toThrow(/is not a SupplyGrid key file/);
    keychain.available = true;
    expect(() => osKeychainDataKey(dataDir)).toThrow(/is not a SupplyGrid key file/);
    expect(existsSync(join(dataDir, 'secret.key.sealed'))).toBe(false);

    const other = tempDir('supplygrid-badsealed-');
    writeFileSync(
      join(other, 'secret.key.sealed'),
      Buffer.concat([Buffer.from('KC1'), Buffer.from(Array.from(Buffer.from('c2hvcnQ='), (b) => b ^ 0x5a))]),
    );
    expect(() => osKeychainDataKey(other)).toThrow(/does not hold a SupplyGrid data key/);
    writeFileSync(join(other, 'secret.key.sealed'), 'not sealed by this keychain');
    expect(() => osKeychainDataKey(other)).toThrow(/keychain could not unseal/);
  });
});

describe('key files', () => {
  it('are created whole, private, and without leftovers', () => {
    const dir = tempDir('supplygrid-keyfile-');
    const path = join(dir, 'nested', 'secret.key');
    const key = loadOrCreateKeyFile(path);
    expect(key).toHaveLength(32);
    expect(readFileSync(path, 'utf8')).toBe(key.toString('base64'));
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dirname(path))).toEqual(['secret.key']);
    expect(loadOrCreateKeyFile(path).equals(key)).toBe(true);
    // A truncated key (from an older version's crash) is refused, never replaced: the secrets would be lost with it.
    writeFileSync(path, key.toString('base64').slice(0, 10));
    expect(() => loadOrCreateKeyFile(path)).toThrow(/not a SupplyGrid key file/);
    writeFileSync(path, '');
    expect(() => loadOrCreateKeyFile(path)).toThrow(/not a SupplyGrid key file/);
  });

  it('end up as one key when another creator gets there between the look and the write', () => {
    const dir = tempDir('supplygrid-keylose-');
    const path = join(dir, 'keys', 'secret.key');
    const competitor = raceAt(dir, () => loadOrCreateKeyFile(path));
    const mine = loadOrCreateKeyFile(path);
    expect(competitor()).toBeInstanceOf(Buffer);
    expect(mine.equals(competitor()!)).toBe(true);
    expect(readKeyFile(path)!.equals(mine)).toBe(true);
    expect(readdirSync(dirname(path))).toEqual(['secret.key']);
  });

  it('end up as one keychain-sealed key when two app instances seal one at the same moment', () => {
    keychain.available = true;
    keychain.backend = 'gnome_libsecret';
    const dataDir = tempDir('supplygrid-sealrace-');
    const competitor = raceAt(dataDir, () => osKeychainDataKey(dataDir));
    const mine = osKeychainDataKey(dataDir);
    expect(competitor()?.key).toBeInstanceOf(Buffer);
    expect(mine.key.equals(competitor()!.key)).toBe(true);
    expect(osKeychainDataKey(dataDir).key.equals(mine.key)).toBe(true);
    expect(readdirSync(dataDir)).toEqual(['secret.key.sealed']);
  });

  it('end up as one key when several processes create it at the same moment', async () => {
    const dir = tempDir('supplygrid-keyrace-');
    const racers = Math.max(2, Math.min(4, availableParallelism()));
    const rounds = 25;
    const require = createRequire(import.meta.url);
    const tsxApi = pathToFileURL(join(dirname(require.resolve('tsx/esm/api')), 'index.mjs')).href;
    const module = new URL('../../src-main/secrets/secret-box.ts', import.meta.url).href;
    // Every racer waits at a barrier, then all call loadOrCreateKeyFile on the same new path together.
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      (async () => {
        const { register } = await import(workerData.tsxApi);
        register();
        const { loadOrCreateKeyFile } = await import(workerData.module);
        const arrived = new Int32Array(workerData.barrier);
        parentPort.on('message', ({ path, round }) => {
          // Spinning, not sleeping: all racers leave the barrier within microseconds of each other.
          Atomics.add(arrived, 0, 1);
          while (Atomics.load(arrived, 0) < workerData.racers * round);
          try {
            parentPort.postMessage({ key: loadOrCreateKeyFile(path).toString('base64') });
          } catch (error) {
            parentPort.postMessage({ error: String(error && error.message || error) });
          }
        });
        parentPort.postMessage({ ready: true });
      })().catch((error) => parentPort.postMessage({ error: String(error) }));
    `;
    const barrier = new SharedArrayBuffer(4);
    const workers = Array.from(
      { length: racers },
      () => new Worker(code, { eval: true, workerData: { tsxApi, module, barrier, racers } }),
    );
    cleanups.push(() => Promise.all(workers.map((w) => w.terminate())));
    const crashed = new Promise<never>((_resolve, reject) => workers.forEach((worker) => worker.on('error', reject)));
    crashed.catch(() => undefined);
    type Answer = { key?: string; error?: string; ready?: boolean };
    const next = (worker: Worker) => new Promise<Answer>((resolve) => worker.once('message', resolve));
    const all = (answers: Array<Promise<Answer>>) => Promise.race([Promise.all(answers), crashed]);
    for (const ready of await all(workers.map(next))) expect(ready).toEqual({ ready: true });

    for (let round = 1; round <= rounds; round++) {
      const path = join(dir, `round-${round}`, 'secret.key');
      const answers = all(workers.map(next));
      for (const worker of workers) worker.postMessage({ path, round });
      const results = await answers;
      expect(
        results.map((r) => r.error ?? null),
        `round ${round}`,
      ).toEqual(Array(racers).fill(null));
      const onDisk = readFileSync(path, 'utf8');
      expect(new Set(results.map((r) => r.key)), `round ${round}: every racer has the key on disk`).toEqual(
        new Set([onDisk]),
      );
      expect(readdirSync(dirname(path))).toEqual(['secret.key']);
    }
  }, 60_000);
});
