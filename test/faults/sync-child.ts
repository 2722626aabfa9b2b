// Runs one sync in its own process so the kill test can SIGKILL it at any moment, commit included.
import { openDatabase } from '../../src-main/db/open';
import { createDujiaoProtocolAdapter } from '../../src-main/suppliers/dujiao-next/adapter';
import { syncSupplier } from '../../src-main/sync/engine';

const [dbFile, connectionJson] = process.argv.slice(2);
const db = openDatabase(dbFile);
const result = await syncSupplier(db, {
  supplierId: 'dj',
  supplierKind: 'dujiao-next',
  adapter: createDujiaoProtocolAdapter(JSON.parse(connectionJson), {
    label: 'dj',
    stockReporting: 'quantity',
    maxQuantity: null,
  }),
});
db.close();
process.stdout.write(`${result.status}\n`);
