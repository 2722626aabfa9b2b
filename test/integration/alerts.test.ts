import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertService } from '../../src-main/alerts/alert-service';
import { SIGNATURE_HEADER } from '../../src-main/alerts/channels';
import { backupsDirFor, listBackups } from '../../src-main/db/backup-store';
import { keyFileSecretBox } from '../../src-main/secrets/secret-box';
import { startDaemon } from '../helpers/daemon-process';
import { tempDb } from '../helpers/temp-db';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A real HTTP server on loopback that records every request and answers `status`. */
async function receiver(status = 200): Promise<{ url: string; received: Received[]; next: () => Promise<Received> }> {
  const received: Received[] = [];
  const waiting: Array<(r: Received) => void> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const entry = { path: req.url ?? '', headers: req.headers, body };
      received.push(entry);
      waiting.shift()?.(entry);
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    next: () =>
      received.length > waiting.length
        ? Promise.resolve(received[waiting.length])
        : new Promise((resolve) => waiting.push(resolve)),
  };
}

const verify = (secret: string, request: Received) =>
  request.headers[SIGNATURE_HEADER] === `sha256=${createHmac('sha256', secret).update(request.body).digest('hex')}`;

describe('alerts delivered', () => {
  it('the daemon runs a demo schedule end to end: sync → alert to a local webhook (signed) and Telegram → backup', async () => {
    const store = tempDb('supplygrid-autopilot-');
    cleanups.push(store.cleanup);
    const webhook = await receiver();
    const telegram = await receiver();
    const alerts = new AlertService({ db: store.db, secretBox: keyFileSecretBox(dirname(store.file)) });
    alerts.saveDocument({
      rules: [{ id: 'any-rise', type: 'cost_rise', percent: '0' }],
      channels: {
        desktop: false,
        webhook: { url: `${webhook.url}/hooks/supplygrid` },
        telegram: { chatId: '4242', apiBase: telegram.url },
      },
    });
    alerts.setSecret('webhook', 'whsec-test-1');
    alerts.setSecret('telegram', '123456:bot-token');
    store.db.close();

    const run = startDaemon(['--db', store.file, '--interval', '3s']);
    cleanups.push(async () => {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
      await run.exited;
    });
    // The first round lists everything (no rises); the demo's next generation raises some costs.
    const raised = await run.waitFor((e) => e.event === 'alert.raised');
    expect(raised).toMatchObject({ type: 'cost_rise', rule: 'any-rise' });
    expect(String(raised.deliveries)).toContain('webhook:sent');
    expect(String(raised.deliveries)).toContain('telegram:sent');

    const hook = await webhook.next();
    expect(hook.path).toBe('/hooks/supplygrid');
    expect(verify('whsec-test-1', hook)).toBe(true);
    expect(verify('another-secret', hook)).toBe(false);
    const payload = JSON.parse(hook.body) as {
      type: string;
      subject: { kind: string };
      params: { supplier: string; count: number };
      text: string;
    };
    expect(payload).toMatchObject({ type: 'cost_rise', subject: { kind: 'run' } });
    expect(payload.text).toContain(`${payload.params.supplier}: cost rose more than 0 %`);

    const message = await telegram.next();
    expect(message.path).toBe('/bot123456:bot-token/sendMessage');
    expect(JSON.parse(message.body)).toMatchObject({ chat_id: '4242', text: payload.text });

    const backup = await run.waitFor((e) => e.event === 'backup.created');
    expect(listBackups(backupsDirFor(store.file)).map((b) => b.name)).toContain(backup.name);
    // Secrets never reach the log.
    expect(JSON.stringify(run.entries)).not.toContain('bot-token');
    expect(JSON.stringify(run.entries)).not.toContain('whsec-test-1');

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  }, 120_000);
});

describe('alert service on a real database', () => {
  /** A supplier whose runs are written as the engine writes them: newest last. */
  function runs(db: ReturnType<typeof tempDb>['db'], supplier: string, ...statuses: string[]) {
    const insert = db.prepare(
      `INSERT INTO sync_runs (supplier_id, supplier_kind, started_at, status) VALUES (?, 'fake', ?, ?)`,
    );
    for (const status of statuses) insert.run(supplier, new Date().toISOString(), status);
  }

  it('raises a condition once until it clears, limits external deliveries per hour, and records a failed webhook', async () => {
    const store = tempDb('supplygrid-alerts-');
    cleanups.push(store.cleanup);
    const webhook = await receiver(500);
    const raised: string[] = [];
    const alerts = new AlertService({
      db: store.db,
      secretBox: keyFileSecretBox(dirname(store.file)),
      onAlert: (alert) => raised.push(alert.text),
    });
    alerts.saveDocument({
      rules: [{ id: 'failing', type: 'sync_failing', times: 2 }],
      channels: { desktop: true, webhook: { url: webhook.url } },
      maxPerHour: 1,
    });

    runs(store.db, 'a', 'ok', 'failed', 'failed');
    runs(store.db, 'b', 'failed', 'failed');
    const first = await alerts.evaluate();
    expect(first.map((a) => [a.params.supplier, a.deliveries])).toEqual([
      ['a', { desktop: 'requested', webhook: 'failed: HTTP 500' }],
      ['b', { external: 'rate_limited' }],
    ]);
    expect(webhook.received).toHaveLength(1);
    expect(raised).toEqual(['a: the last 2 syncs failed', 'b: the last 2 syncs failed']);

    // Still failing: nothing new. Cleared, then failing again: alerted again.
    runs(store.db, 'a', 'failed');
    expect(await alerts.evaluate()).toEqual([]);
    runs(store.db, 'a', 'ok');
    expect(await alerts.evaluate()).toEqual([]);
    runs(store.db, 'a', 'failed', 'failed');
    expect((await alerts.evaluate()).map((a) => [a.params.supplier, a.deliveries.external])).toEqual([
      ['a', 'rate_limited'],
    ]);

    expect(alerts.view().unread).toBe(3);
    alerts.markRead([first[0].id]);
    expect(alerts.view().unread).toBe(2);
    alerts.markRead(null);
    expect(alerts.view().unread).toBe(0);
  });
});
