import { readFileSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { startWebPreview } from '../../src-main/web/preview';
import { bridgeCall } from '../helpers/bridge-call';
import { SUPPLIER_KINDS } from '../../src-main/suppliers/registry';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});


describe('secrets stay in the main process', () => {
  it('never cross the bridge, never reach stdout/stderr, and are sealed at rest', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'supplygrid-secrets-'));
    const outbound: string[] = [];
    const printed: string[] = [];
    const preview = await startWebPreview({ dataDir, onTraffic: (direction, text) => direction === 'out' && outbound.push(text) });
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }), () => preview.close());
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
    const secrets = demoConnections.flatMap((connection) => SUPPLIER_KINDS.find((k) => k.kind === connection.kind)!.secretFields.map((field) => String(connection[field])));
    expect(secrets.length).toBe(SUPPLIER_KINDS.length);

    // A full session: look around, sync, browse, add a real connection, test it, sync it.
    await bridgeCall(preview, 'app.info');
    await bridgeCall(preview, 'suppliers.kinds');
    await bridgeCall(preview, 'suppliers.list');
    await bridgeCall(preview, 'sync.run');
    const page = await bridgeCall(preview, 'grid.query', { limit: 20 });
    await bridgeCall(preview, 'grid.row', page.rows[0].id);
    const runs = await bridgeCall(preview, 'sync.runs');
    await bridgeCall(preview, 'sync.changes', runs[0].id);
    await bridgeCall(preview, 'pricing.rules');
    // The merchant's "real" wholesaler: its own simulator (adding a real supplier stops the demo ones).
    const wholesaler = await SUPPLIER_KINDS.find((k) => k.kind === 'dujiao-next')!.startSimulator({ seed: 77 });
    cleanups.push(() => wholesaler.close());
    const dujiao = wholesaler.connection as Record<string, unknown>;
    secrets.push(String(dujiao.apiSecret));
    const typedSecret = String(dujiao.apiSecret);
    const failing = await bridgeCall(preview, 'suppliers.test', { kind: 'dujiao-next', name: 'x', settings: { baseUrl: dujiao.baseUrl, apiKey: dujiao.apiKey }, secrets: { apiSecret: 'wrong-secret-typed-by-merchant' } });
    expect(failing).toMatchObject({ ok: false, error: expect.stringMatching(/invalid_signature/) });
    const saved = await bridgeCall(preview, 'suppliers.save', { kind: 'dujiao-next', name: 'My wholesaler', settings: { baseUrl: dujiao.baseUrl, apiKey: dujiao.apiKey }, secrets: { apiSecret: typedSecret } });
    expect(saved.secrets).toEqual({ apiSecret: true });
    expect(await bridgeCall(preview, 'suppliers.test', { id: saved.id, kind: 'dujiao-next', name: 'My wholesaler', settings: {}, secrets: {} })).toMatchObject({ ok: true, currency: 'CNY' });
    expect((await bridgeCall(preview, 'sync.run'))[0]).toMatchObject({ status: 'ok' });
    await bridgeCall(preview, 'suppliers.list');
    await bridgeCall(preview, 'grid.query', { limit: 50 });

    const everything = outbound.join('\n') + printed.join('\n');
    for (const secret of [...secrets, 'wrong-secret-typed-by-merchant']) expect(everything.includes(secret), `a secret crossed the bridge or was printed`).toBe(false);

    // At rest: the database holds no secret in clear, and the key file is readable by its owner only.
    const db = new BetterSqlite3(join(dataDir, 'supplygrid.db'), { readonly: true });
    const raw = JSON.stringify(db.prepare('SELECT * FROM supplier_connections').all(), (_k, v) => (Buffer.isBuffer(v) || v?.type === 'Buffer' ? Buffer.from(v).toString('latin1') : v));
    db.close();
    expect(raw).toContain('My wholesaler');
    expect(raw.includes(typedSecret)).toBe(false);
    if (process.platform !== 'win32') expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDir, 'secret.key'), 'utf8').includes(typedSecret)).toBe(false);
  }, 60_000);
});
