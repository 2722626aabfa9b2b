// A process that starts a sync run in a database and then holds it "running" until it is killed: the stand-in for
// an app or CLI syncing from another process (live), or killed in the middle of a sync (dead).
import { openDatabase } from '../../src-main/db/open';
import { startRun } from '../../src-main/db/catalog-repo';

const [file, supplierId] = process.argv.slice(2);
const db = openDatabase(file);
const runId = startRun(db, supplierId, 'dujiao-next');
process.stdout.write(`started ${runId}\n`);
setInterval(() => undefined, 60_000);
