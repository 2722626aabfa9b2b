import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/api/handlers';
import { listLiveOffers } from '../../src-main/db/catalog-repo';
import { openDatabase } from '../../src-main/db/open';
import { aesSecretBox, keyFileSecretBox } from '../../src-main/secrets/secret-box';
import { AppServices } from '../../src-main/services/app-services';
import { ConnectionsService, UnreadableSecretsError } from '../../src-main/services/connections-service';
import type { RunningSimulator } from '../../src-main/suppliers/adapter';
import { supplierKind } from '../../src-main/suppliers/registry';
import { startWebPreview } from '../../src-main/web/preview';
import { bridgeCall } from '../helpers/bridge-call';
import { encodeCodedIssue } from '../../src-shared/coded-issue';
import { inEnglish } from '../helpers/in-english';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function simulator(
  kind: string,
  seed: number,
): Promise<RunningSimulator & { connection: Record<string, unknown> }> {
  const sim = await supplierKind(kind)!.startSimulator({ seed });
  cleanups.push(() => sim.close());
  return sim as RunningSimulator & { connection: Record<string, unknown> };
}

async function startServices(dataDir: string) {
  const db = openDatabase(join(dataDir, 'supplygrid.db'));
  cleanups.push(() => db.close());
  const services = await AppServices.start({ db, dataDir, version: 'test', secretBox: keyFileSecretBox(dataDir) });
  cleanups.push(() => services.close());
  return { db, services, api: createHandlers(services) };
}

const dujiaoInput = (sim: { connection: Record<string, unknown> }, name: string) => ({
  kind: 'dujiao-next',
  name,
  settings: { baseUrl: String(sim.connection.baseUrl), apiKey: String(sim.connection.apiKey) },
  secrets: { apiSecret: String(sim.connection.apiSecret) },
});

/** The form words it: "enter it again: a stored secret is only sent with the settings it was saved with, and … changed". */
const reenter = (changed: string) => encodeCodedIssue('password', { code: 'secret.reenter', params: { changed } });

const UNREADABLE =
  /secrets unreadable — enter them again: they were sealed by the OS keychain \(the desktop app\), and this process uses the key file/;

describe('secrets another entry point sealed', () => {
  it('flag that one connection; start-up, the list, the grid and the other suppliers all go on', async () => {
    const dataDir = tempDir('supplygrid-otherkey-');
    const fromApp = await simulator('dujiao-next', 31);
    const fromPreview = await simulator('dujiao-next', 32);

    // The desktop app saved this one, sealed under the data key its OS keychain keeps.
    const appDb = openDatabase(join(dataDir, 'supplygrid.db'));
    const sealedByApp = new ConnectionsService(appDb, aesSecretBox(randomBytes(32), 'os-keychain')).save(
      dujiaoInput(fromApp, 'Sealed by the app'),
    );
    appDb.close();

    // The browser preview has only the key file: it starts all the same.
    const preview = await startWebPreview({ dataDir });
    cleanups.push(() => preview.close());
    const own = await bridgeCall(preview, 'suppliers.save', dujiaoInput(fromPreview, 'Saved by the preview'));

    const listed = await bridgeCall(preview, 'suppliers.list');
    expect(listed.map((s: { id: string }) => s.id)).toEqual([sealedByApp.id, own.id]);
    expect(listed[0]).toMatchObject({
      id: sealedByApp.id,
      name: 'Sealed by the app',
      secrets: { apiSecret: false },
      secretsProblem: expect.stringMatching(UNREADABLE),
    });
    expect(listed[0].settings).toEqual({ baseUrl: fromApp.connection.baseUrl, apiKey: fromApp.connection.apiKey });
    expect(listed[1]).toMatchObject({ id: own.id, secrets: { apiSecret: true } });
    expect(listed[1]).not.toHaveProperty('secretsProblem');

    // Syncing everything: the unreadable one fails with the reason, the other syncs.
    const results = await bridgeCall(preview, 'sync.run');
    expect(results.map((r: { supplierId: string }) => r.supplierId)).toEqual([sealedByApp.id, own.id]);
    expect(results[0]).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^@sync\.failed\?cause=secretAgain&/),
    });
    expect(inEnglish(results[0].error)).toMatch(UNREADABLE);
    expect(results[1]).toMatchObject({ status: 'ok', error: null });
    expect(fromApp.connection.apiSecret).toBeTruthy();
    const again = (await bridgeCall(preview, 'sync.run', [sealedByApp.id]))[0];
    expect(again.status).toBe('failed');
    expect(inEnglish(again.error)).toMatch(UNREADABLE);
    expect((await bridgeCall(preview, 'grid.query', { limit: 5 })).rows.length).toBeGreaterThan(0);

    // In this process: resolve() says exactly why; a test or a save without the secret asks for it again.
    expect(() => preview.services.connections.resolve(sealedByApp.id)).toThrow(UnreadableSecretsError);
    expect(() => preview.services.connections.resolve(sealedByApp.id)).toThrow(UNREADABLE);
    expect(
      await bridgeCall(preview, 'suppliers.test', {
        id: sealedByApp.id,
        kind: 'dujiao-next',
        name: 'x',
        settings: {},
        secrets: {},
      }),
    ).toEqual({ ok: false, cause: 'secretAgain', error: 'apiSecret: @secret.unreadable' });
    const { secrets: _typed, ...withoutSecret } = dujiaoInput(fromApp, 'Sealed by the app');
    await expect(
      bridgeCall(preview, 'suppliers.save', { id: sealedByApp.id, ...withoutSecret, secrets: {} }),
    ).rejects.toThrow(/^apiSecret: @secret\.unreadable$/);

    // Entered again, it works like any other.
    const fixed = await bridgeCall(preview, 'suppliers.save', {
      id: sealedByApp.id,
      ...dujiaoInput(fromApp, 'Sealed by the app'),
    });
    expect(fixed).toEqual(expect.objectContaining({ secrets: { apiSecret: true } }));
    expect(fixed).not.toHaveProperty('secretsProblem');
    expect((await bridgeCall(preview, 'sync.run', [sealedByApp.id]))[0]).toMatchObject({ status: 'ok' });
  }, 60_000);

  it('listing never opens a secret: rows from before the key fingerprint are checked once, then recorded', () => {
    const dataDir = tempDir('supplygrid-legacy-');
    const db = openDatabase(join(dataDir, 'supplygrid.db'));
    cleanups.push(() => db.close());
    const box = keyFileSecretBox(dataDir);
    const saved = new ConnectionsService(db, box).save({
      kind: 'dujiao-next',
      name: 'Old row',
      settings: { baseUrl: 'https://a.example', apiKey: 'k' },
      secrets: { apiSecret: 's3cret' },
    });
    expect(db.prepare('SELECT secrets_set, key_id FROM supplier_connections').get()).toEqual({
      secrets_set: '["apiSecret"]',
      key_id: box.keyId,
    });

    // A box that throws on open proves listing does not open anything.
    const noOpening = {
      ...box,
      open: () => {
        throw new Error('opened a secret while listing');
      },
    };
    expect(new ConnectionsService(db, noOpening).list()).toEqual([
      expect.objectContaining({ id: saved.id, secrets: { apiSecret: true } }),
    ]);
    const otherKey = aesSecretBox(randomBytes(32), 'key-file');
    const flagged = new ConnectionsService(db, {
      ...otherKey,
      open: () => {
        throw new Error('opened a secret while listing');
      },
    }).list();
    expect(flagged).toEqual([
      expect.objectContaining({
        secrets: { apiSecret: false },
        secretsProblem: expect.stringMatching(/sealed with another key file/),
      }),
    ]);

    // A row saved before migration 006: the other key flags it without failing; the right key fills the record in.
    db.prepare('UPDATE supplier_connections SET secrets_set = NULL, key_id = NULL').run();
    expect(new ConnectionsService(db, otherKey).list()).toEqual([
      expect.objectContaining({
        secrets: { apiSecret: false },
        secretsProblem: expect.stringMatching(/secrets unreadable/),
      }),
    ]);
    expect(() => new ConnectionsService(db, otherKey).resolve(saved.id)).toThrow(UnreadableSecretsError);
    expect(new ConnectionsService(db, box).list()).toEqual([expect.objectContaining({ secrets: { apiSecret: true } })]);
    expect(db.prepare('SELECT secrets_set, key_id FROM supplier_connections').get()).toEqual({
      secrets_set: '["apiSecret"]',
      key_id: box.keyId,
    });
    expect(new ConnectionsService(db, noOpening).list()[0]).not.toHaveProperty('secretsProblem');
  });

  it('a stored connection opens with its settings read by its kind: a pace saved as text reaches the adapter a number', () => {
    const dataDir = tempDir('supplygrid-typed-');
    const db = openDatabase(join(dataDir, 'supplygrid.db'));
    cleanups.push(() => db.close());
    const connections = new ConnectionsService(db, keyFileSecretBox(dataDir));
    const saved = connections.save({
      kind: 'seagm',
      name: 'Paced',
      settings: { baseUrl: 'https://openapi.seagm.io/', uid: '1', requestsPerMinute: '30' },
      secrets: { secretKey: 's3cret' },
    });
    expect(db.prepare('SELECT settings_json FROM supplier_connections').pluck().get()).toContain('"30"');
    const connection = connections.resolve(saved.id);
    expect(connection).toMatchObject({ id: saved.id, kind: 'seagm', name: 'Paced', uid: '1', secretKey: 's3cret' });
    expect((connection as unknown as { requestsPerMinute: unknown }).requestsPerMinute).toBe(30);
  });
});

interface Foreign {
  url: string;
  requests: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string }>;
  connections: number;
}

/** Somewhere else on loopback, recording every connection and request that reaches it. */
async function foreignServer(): Promise<Foreign> {
  const foreign: Foreign = { url: '', requests: [], connections: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      foreign.requests.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":0,"data":null,"message":"ok"}');
    });
  });
  server.on('connection', () => foreign.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  foreign.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return foreign;
}

describe('stored secrets and a destination the page chooses', () => {
  it('a stored Linksfield password never goes to another host or account unless typed again', async () => {
    const dataDir = tempDir('supplygrid-exfil-');
    const foreign = await foreignServer();
    const sim = (await simulator('linksfield', 41)) as RunningSimulator & {
      connection: Record<string, string>;
      server: { hits: Map<string, number>; state: { logins: number } };
    };
    const { api, services } = await startServices(dataDir);
    const { baseUrl, partnerCode, email, password } = sim.connection;
    const passwordHash = createHash('md5').update(password).digest('hex');

    // The demo connections' secrets are not for sending anywhere else either.
    expect(
      await api['suppliers.test']({
        id: 'demo-linksfield',
        kind: 'linksfield',
        name: 'x',
        settings: { baseUrl: foreign.url },
        secrets: {},
      }),
    ).toEqual({ ok: false, cause: 'secretAgain', error: reenter('baseUrl') });

    const saved = await api['suppliers.save']({
      kind: 'linksfield',
      name: 'My Linksfield',
      settings: { baseUrl, partnerCode, email, currency: 'USD' },
      secrets: { password },
    });
    const attempts: Array<{ settings: Record<string, string>; changed: string }> = [
      // Only the URL: the rest would come from the stored connection.
      { settings: { baseUrl: foreign.url }, changed: 'baseUrl' },
      // The whole form, pointed elsewhere.
      { settings: { baseUrl: foreign.url, partnerCode, email, currency: 'USD' }, changed: 'baseUrl' },
      // The right host, another account.
      { settings: { baseUrl, partnerCode, email: 'someone-else@example.com', currency: 'USD' }, changed: 'email' },
      {
        settings: { baseUrl: foreign.url, partnerCode: 'P999999', email, currency: 'USD' },
        changed: 'baseUrl, partnerCode',
      },
    ];
    for (const attempt of attempts) {
      for (const secrets of [{}, { password: '' }, undefined]) {
        expect(
          await api['suppliers.test']({
            id: saved.id,
            kind: 'linksfield',
            name: 'My Linksfield',
            settings: attempt.settings,
            ...(secrets && { secrets }),
          }),
        ).toEqual({ ok: false, cause: 'secretAgain', error: reenter(attempt.changed) });
      }
      // Saving it so, then syncing, would send it just the same: refused too, and the stored connection is untouched.
      await expect(
        api['suppliers.save']({
          id: saved.id,
          kind: 'linksfield',
          name: 'My Linksfield',
          settings: { partnerCode, email, currency: 'USD', ...attempt.settings },
          secrets: {},
        }),
      ).rejects.toThrow(reenter(attempt.changed));
      expect(services.connections.view(saved.id)?.settings).toEqual({ baseUrl, partnerCode, email, currency: 'USD' });
    }
    expect(foreign.connections).toBe(0);
    expect(foreign.requests).toEqual([]);
    expect(sim.server.state.logins).toBe(0);

    // Unchanged, the stored password is used where it was saved for; renamed, too.
    expect(
      await api['suppliers.test']({
        id: saved.id,
        kind: 'linksfield',
        name: 'My Linksfield',
        settings: {},
        secrets: {},
      }),
    ).toMatchObject({ ok: true });
    expect(
      await api['suppliers.test']({
        id: saved.id,
        kind: 'linksfield',
        name: 'My Linksfield',
        settings: { baseUrl, partnerCode, email, currency: 'USD' },
        secrets: {},
      }),
    ).toMatchObject({ ok: true });
    expect(
      await api['suppliers.save']({
        id: saved.id,
        kind: 'linksfield',
        name: 'Renamed',
        settings: { baseUrl, partnerCode, email, currency: 'USD' },
        secrets: {},
      }),
    ).toMatchObject({ name: 'Renamed', secrets: { password: true } });

    // Typed again by the merchant, a password goes where the merchant points it: the foreign server does receive
    // requests, so its silence above was the refusal, and what reached it never carried the stored password.
    await api['suppliers.test']({
      id: saved.id,
      kind: 'linksfield',
      name: 'x',
      settings: { baseUrl: foreign.url },
      secrets: { password: 'typed-by-the-merchant' },
    });
    expect(foreign.requests.length).toBeGreaterThan(0);
    const received = JSON.stringify(foreign.requests);
    expect(received.includes(password)).toBe(false);
    expect(received.includes(passwordHash)).toBe(false);
  }, 60_000);
});

describe('one adapter per connection', () => {
  it('syncs, quotes, orders and follows a Linksfield order on one login session', async () => {
    const dataDir = tempDir('supplygrid-oneadapter-');
    const sim = (await simulator('linksfield', 43)) as RunningSimulator & {
      connection: Record<string, string>;
      server: { hits: Map<string, number>; state: { logins: number } };
    };
    const { api, db } = await startServices(dataDir);
    const posts = (path: string) => sim.server.hits.get(`POST ${path}`) ?? 0;
    const { baseUrl, partnerCode, email, password } = sim.connection;
    const saved = await api['suppliers.save']({
      kind: 'linksfield',
      name: 'LF',
      settings: { baseUrl, partnerCode, email, currency: 'USD', requestsPerMinute: '60000' },
      secrets: { password },
    });

    expect((await api['sync.run']())[0]).toMatchObject({ supplierId: saved.id, status: 'ok' });
    expect((await api['sync.run']([saved.id]))[0]).toMatchObject({ status: 'ok' });
    const offer = listLiveOffers(db, saved.id).find((o) => o.stock.status !== 'out')!;
    const ref = { supplier: saved.id, productId: offer.productId, skuId: offer.skuId, variant: offer.variant };
    const placed = await api['orders.place']({ offer: ref, confirm: true });
    expect(placed.status).not.toBe('failed');
    expect(posts('/v1.1/package/preOrderPackage')).toBe(1);
    // The order service polls its status after a second.
    const deadline = Date.now() + 15_000;
    while (posts('/package/queryOrdStatusAndEmail') === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(posts('/package/queryOrdStatusAndEmail')).toBeGreaterThan(0);
    expect(posts('/user/login')).toBe(1);
    expect(sim.server.state.logins).toBe(1);

    // A ping (the quote's, the connection test's) logs in afresh on purpose, to prove the credentials; the session
    // it opens is the adapter's, and the next sync goes on with it.
    expect(await api['orders.quote'](ref)).toMatchObject({ allowed: true, balanceError: null });
    expect(posts('/user/login')).toBe(2);
    expect(
      await api['suppliers.test']({ id: saved.id, kind: 'linksfield', name: 'LF', settings: {}, secrets: {} }),
    ).toMatchObject({ ok: true });
    expect(posts('/user/login')).toBe(3);
    expect((await api['sync.run']())[0]).toMatchObject({ status: 'ok' });
    expect(posts('/user/login')).toBe(3);

    // Saving the connection again starts a new adapter (its settings may have changed), on the account's one session.
    const saveAgain = (secrets: Record<string, string>) =>
      api['suppliers.save']({
        id: saved.id,
        kind: 'linksfield',
        name: 'LF renamed',
        settings: { baseUrl, partnerCode, email, currency: 'USD', requestsPerMinute: '60000' },
        secrets,
      });
    await saveAgain({});
    expect((await api['sync.run']())[0]).toMatchObject({ status: 'ok' });
    expect((await api['sync.run']())[0]).toMatchObject({ status: 'ok' });
    expect(posts('/user/login')).toBe(3);

    // A new password is never served by the old password's token: the next sync logs in with it (and is refused).
    await saveAgain({ password: `${password}-changed` });
    expect((await api['sync.run']())[0]).toMatchObject({ status: 'failed' });
    expect(posts('/user/login')).toBe(4);
    expect(sim.server.state.logins).toBe(3);
  }, 60_000);

  it('the demo suppliers too: two syncs of the demo Linksfield log in once', async () => {
    const dataDir = tempDir('supplygrid-onedemo-');
    const { api, services } = await startServices(dataDir);
    expect(services.isDemo).toBe(true);
    const demo = (
      services as unknown as {
        demo: { simulators: Array<{ connection: { id: string }; server?: { state?: { logins: number } } }> };
      }
    ).demo;
    const logins = () => demo.simulators.find((s) => s.connection.id === 'demo-linksfield')!.server!.state!.logins;
    expect((await api['sync.run'](['demo-linksfield']))[0]).toMatchObject({ status: 'ok' });
    expect((await api['sync.run'](['demo-linksfield']))[0]).toMatchObject({ status: 'ok' });
    expect((await api['sync.run']()).every((r) => r.status === 'ok')).toBe(true);
    expect(logins()).toBe(1);
  }, 60_000);
});
