// A process that lists one supplier's catalog, as the app, the background service or a CLI run would, with the pace
// ledger of a data folder (or none): the stand-in for another process using the same supplier account. Prints "ready"
// once loaded, lists when it reads "go" on stdin (so that several start together), then prints what it sent and the code
// of what stopped it, if anything did.
import { dataFolderPaces } from '../../src-main/db/pace-ledger';
import { shareAccountPaces } from '../../src-main/http/budget-policy';
import type { AdapterEnv, ConnectionBase } from '../../src-main/suppliers/adapter';
import { adapterFor } from '../../src-main/sync/targets';

const { dbFile, connection, env } = JSON.parse(process.argv[2]) as {
  dbFile: string | null;
  connection: ConnectionBase;
  env: AdapterEnv;
};
const paces = dbFile ? dataFolderPaces(dbFile) : null;
shareAccountPaces(paces?.ledger ?? null);
const adapter = adapterFor(connection, env);
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
let offers = 0;
let error: string | null = null;
try {
  for await (const page of adapter.fetchCatalog({})) offers += page.offers.length;
} catch (failure) {
  // What stopped the listing, by its code: a ban another process met stops this one before it sends.
  error = (failure as { code?: string }).code ?? String(failure);
}
const { requests, throttled } = adapter.budget!.stats();
process.stdout.write(`${JSON.stringify({ offers, requests, throttled, error })}\n`);
paces?.close();
process.stdin.destroy();
