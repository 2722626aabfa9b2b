import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertService } from '../../src-main/alerts/alert-service';
import { sendTelegram, sendWebhook } from '../../src-main/alerts/channels';
import { writeState } from '../../src-main/db/app-state';
import { keyFileSecretBox } from '../../src-main/secrets/secret-box';
import { checkDocument, documentProblems } from '../../src-renderer/stores/alert-rules-form';
import { tempDb } from '../helpers/temp-db';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const BOT_TOKEN = '987654:bot-token-that-must-stay-sealed';

async function server(): Promise<string> {
  const srv: Server = createServer((_req, res) => res.writeHead(200).end('{}'));
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => srv.close(resolve)));
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
}

describe('alert channels keep their secrets out of what is recorded', () => {
  it('refuses a webhook URL or Telegram API base with user:pass@, as every URL we send to', () => {
    const store = tempDb('supplygrid-alert-urls-');
    cleanups.push(store.cleanup);
    const alerts = new AlertService({ db: store.db, secretBox: keyFileSecretBox(dirname(store.file)) });
    expect(() =>
      alerts.saveDocument({
        rules: [],
        channels: { telegram: { chatId: '1', apiBase: 'https://proxyuser:proxypass@tg-proxy.example' } },
      }),
    ).toThrow(/apiBase/);
    expect(() =>
      alerts.saveDocument({ rules: [], channels: { webhook: { url: 'https://user:hookpass@hooks.example/x' } } }),
    ).toThrow(/url/);
    expect(alerts.settings().document.channels.telegram).toBeNull();
    // The rules editor says what is wrong, in its own words.
    const draft = { rules: [], channels: { webhook: { url: 'https://user:hookpass@hooks.example/x' } } };
    expect(documentProblems(draft, checkDocument(draft).issues).map((p) => p.code)).toEqual(['urlCredentials']);
  });

  it('a send that fails before it leaves records no URL: the Telegram URL carries the bot token', async () => {
    const base = await server();
    const withCredentials = base.replace('http://', 'http://proxyuser:proxypass@');
    const telegram = await sendTelegram(withCredentials, BOT_TOKEN, '1', 'hello').then(
      () => 'sent',
      (error: Error) => error.message,
    );
    expect(telegram).not.toBe('sent');
    expect(telegram).not.toContain('bot-token');
    expect(telegram).not.toContain('proxypass');
    const webhook = await sendWebhook(`${withCredentials}/hook`, null, {
      id: 1,
      createdAt: new Date().toISOString(),
      type: 'order_attention',
      ruleId: 'r',
      subject: { kind: 'order', id: '1' },
      params: {},
      text: 't',
    }).then(
      () => 'sent',
      (error: Error) => error.message,
    );
    expect(webhook).not.toContain('proxypass');
  });

  it('an alert delivered through a document stored before URLs were checked records no secret', async () => {
    const store = tempDb('supplygrid-alert-leak-');
    cleanups.push(store.cleanup);
    const base = await server();
    const alerts = new AlertService({ db: store.db, secretBox: keyFileSecretBox(dirname(store.file)) });
    alerts.saveDocument({ rules: [{ id: 'failing', type: 'sync_failing', times: 1 }], channels: { desktop: false } });
    // As an older version stored it (or the CLI's `alerts rules set` before this check).
    writeState(
      store.db,
      'alerts.document',
      JSON.stringify({
        ...alerts.settings().document,
        channels: {
          desktop: false,
          webhook: null,
          telegram: { enabled: true, chatId: '1', apiBase: base.replace('http://', 'http://u:p@') },
          language: 'en',
        },
      }),
    );
    alerts.setSecret('telegram', BOT_TOKEN);
    store.db
      .prepare(
        `INSERT INTO sync_runs (supplier_id, supplier_kind, started_at, status) VALUES ('a', 'fake', ?, 'failed')`,
      )
      .run(new Date().toISOString());
    await alerts.evaluate();
    const recorded = JSON.stringify(alerts.view());
    expect(recorded).not.toContain('bot-token');
    expect(JSON.stringify(store.db.prepare('SELECT * FROM alerts').all())).not.toContain('bot-token');
  });
});

describe('alert channels over plain http:// to another computer', () => {
  /** TEST-NET-1: never this machine, and nothing answers there. */
  const REMOTE_HTTP = 'http://192.0.2.10/hook';

  it('need the channel’s own opt-in to be saved; this machine does not', async () => {
    const store = tempDb('supplygrid-alert-http-');
    cleanups.push(store.cleanup);
    const alerts = new AlertService({ db: store.db, secretBox: keyFileSecretBox(dirname(store.file)) });
    expect(() => alerts.saveDocument({ rules: [], channels: { webhook: { url: REMOTE_HTTP } } })).toThrow(
      /channels\.webhook\.url: plain http:\/\/ to another computer needs "allowInsecureHttp": true/,
    );
    expect(() =>
      alerts.saveDocument({ rules: [], channels: { telegram: { chatId: '1', apiBase: 'http://tg-proxy.example' } } }),
    ).toThrow(/channels\.telegram\.apiBase/);
    expect(alerts.settings().document.channels.webhook).toBeNull();
    const saved = alerts.saveDocument({
      rules: [],
      channels: {
        webhook: { url: REMOTE_HTTP, allowInsecureHttp: true },
        telegram: { chatId: '1', apiBase: `${await server()}/tg` },
      },
    });
    expect(saved.channels.webhook).toEqual({ enabled: true, url: REMOTE_HTTP, allowInsecureHttp: true });
    expect(saved.channels.telegram?.allowInsecureHttp).toBe(false);
    // The rules editor says what is wrong, in its own words, on the field.
    const draft = { rules: [], channels: { webhook: { url: REMOTE_HTTP } } };
    expect(documentProblems(draft, checkDocument(draft).issues).map((p) => [p.path, p.code])).toEqual([
      ['channels.webhook.url', 'urlInsecureHttp'],
    ]);
  });

  it('stored before the opt-in existed, such a document still reads, and nothing is sent there', async () => {
    const store = tempDb('supplygrid-alert-http-');
    cleanups.push(store.cleanup);
    const alerts = new AlertService({ db: store.db, secretBox: keyFileSecretBox(dirname(store.file)) });
    const rules = [{ id: 'failing', type: 'sync_failing', times: 1 }];
    writeState(
      store.db,
      'alerts.document',
      JSON.stringify({
        rules,
        channels: {
          desktop: false,
          webhook: { enabled: true, url: REMOTE_HTTP },
          telegram: { enabled: true, chatId: '1', apiBase: 'http://tg-proxy.example' },
          language: 'en',
        },
        maxPerHour: 20,
      }),
    );
    alerts.setSecret('telegram', BOT_TOKEN);
    expect(alerts.settings().document).toMatchObject({ rules, channels: { webhook: { url: REMOTE_HTTP } } });
    store.db
      .prepare(
        `INSERT INTO sync_runs (supplier_id, supplier_kind, started_at, status) VALUES ('a', 'fake', ?, 'failed')`,
      )
      .run(new Date().toISOString());
    const [raised] = await alerts.evaluate();
    expect(raised.deliveries).toEqual({ webhook: 'failed: insecure_http', telegram: 'failed: insecure_http' });
  });
});
