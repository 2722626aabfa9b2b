// What one large listing costs, stage by stage, each stage timed alone over the same items, on one thread:
//   node bin/run-ts.mjs bench/stage-probe.ts [size]
// A Dujiao-Next simulator (in a process of its own) serves `size` products; our client lists them (CPU beside a bare
// replay of the same requests), then the listed items are validated, mapped, staged and committed as a first sync is,
// into a fresh database. Where a full sync's time goes, per offer, without the threads and the other suppliers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { openDatabase } from '../src-main/db/open';
import { CatalogStaging } from '../src-main/db/catalog-staging';
import { commitStagedCatalog, startRun } from '../src-main/db/catalog-repo';
import type { Offer } from '../src-main/domain/offer';
import { transportTaps, type HttpRequest } from '../src-main/http/transport';
import { DujiaoClient } from '../src-main/suppliers/dujiao-next/client';
import { dujiaoApiBase } from '../src-main/suppliers/dujiao-next/config';
import { listingMemo, mapProduct, type MapContext } from '../src-main/suppliers/dujiao-next/map';
import { productSchema, type DujiaoProduct } from '../src-main/suppliers/dujiao-next/schemas';
import { startSimulatorHost } from './simulator-host';

const size = Number(process.argv[2] ?? 46_000);
const UNPACED = { maxRequests: 1_000_000_000, requestsPerMinute: 1_000_000_000 };
const line = (label: string, ms: number, extra = '') =>
  process.stdout.write(`${label.padEnd(40)} ${ms.toFixed(0).padStart(6)} ms${extra}\n`);
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};
/** Wall and CPU time: on a machine busy with other work the CPU time is the steadier of the two. */
const timed = <T>(label: string, work: () => T): T => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = work();
  line(label, performance.now() - started, ` (CPU ${cpuMs(cpu).toFixed(0)} ms)`);
  return result;
};

const host = await startSimulatorHost([{ kind: 'dujiao-next', options: { size, generation: 0, rateLimit: null } }]);
const pages: unknown[][] = [];
try {
  const connection = host.connections[0] as unknown as { baseUrl: string; apiKey: string; apiSecret: string };
  const client = new DujiaoClient({
    apiBase: dujiaoApiBase(connection.baseUrl),
    apiKey: connection.apiKey,
    apiSecret: connection.apiSecret,
    label: 'probe',
    env: { budgetTuning: UNPACED },
  });
  // Twice: the simulator serves its first listing cold, and a real supplier's server is warm.
  for (let round = 0; round < 2; round++) {
    pages.length = 0;
    const sent: HttpRequest[] = [];
    const tap = (req: HttpRequest) => void sent.push(req);
    transportTaps.add(tap);
    let cpu = process.cpuUsage();
    for await (const listed of client.listProducts({}))
      if ('items' in listed) pages.push(listed.items.map((item) => item.raw));
    const clientCpu = cpuMs(cpu);
    transportTaps.delete(tap);
    cpu = process.cpuUsage();
    for (const req of sent) {
      const response = await request(req.url, { method: req.method, headers: req.headers, body: req.body });
      JSON.parse(await response.body.text());
    }
    if (round === 1) {
      line(`our client, CPU (${sent.length} requests)`, clientCpu);
      line('bare replay + JSON.parse, CPU', cpuMs(cpu));
    }
  }
} finally {
  await host.close();
}

const parsed = timed('validate (zod)', () =>
  pages.map((items) => items.map((raw) => productSchema.safeParse(raw).data as DujiaoProduct)),
);
const context: MapContext = {
  currency: 'USD',
  siteUrl: 'https://shop.example.com/',
  categories: new Map(),
  stockReporting: 'quantity',
  maxQuantity: null,
  memo: listingMemo(),
};
const offerPages: Offer[][] = timed('map', () =>
  parsed.map((products) => products.flatMap((p) => mapProduct(p, context))),
);
const offers = offerPages.reduce((sum, page) => sum + page.length, 0);

const dir = mkdtempSync(join(tmpdir(), 'supplygrid-stage-probe-'));
try {
  const db = openDatabase(join(dir, 'probe.db'));
  // A sync thread's caches (sync/worker/entry.ts).
  db.pragma('cache_size = -4096');
  db.pragma('temp.cache_size = -4096');
  const runId = startRun(db, 'probe', 'dujiao-next');
  const staging = new CatalogStaging(db, runId);
  timed('stage (serialize + insert)', () => {
    for (const page of offerPages) staging.addPage({ offers: page, skipped: [], scope: 'full' });
    staging.indexByKey();
  });
  let commitMs = 0;
  timed('commit, first sync (statements + COMMIT)', () => {
    db.exec('BEGIN IMMEDIATE');
    commitStagedCatalog(db, runId, 'probe', staging, { scope: 'full', skipped: [] });
    const started = performance.now();
    db.exec('COMMIT');
    commitMs = performance.now() - started;
  });
  line('  of which COMMIT (WAL, checkpoint)', commitMs);
  process.stdout.write(`${offers} offers from ${pages.length} pages\n`);
  staging.drop();
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
