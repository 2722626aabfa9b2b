// The grid of one `npm run bench` round, in a process of its own as the app's services keep it: builds it whole, then
// (after the round's incremental sync, run by the bench meanwhile) updates it. Every round's grid then starts from the
// same state (nothing memoized, nothing compiled), whatever rounds ran before it in the bench's own process.
// Speaks JSON lines: {"cmd": "build"} → {"ms", "rows"}; {"cmd": "refresh"} → {"ms", "mode", "rowsWritten", "rowsRestated"}; then exits
// when stdin closes.
import { createInterface } from 'node:readline';
import { openDatabase } from '../src-main/db/open';
import { buildGrid } from '../src-main/grid/build';
import { refreshGrid } from '../src-main/grid/refresh';
import { ensureSomeRates } from '../src-main/pricing/rates-service';

export type GridCommand = { cmd: 'build' } | { cmd: 'refresh' };
export interface GridBuilt {
  ms: number;
  rows: number;
}
export interface GridRefreshed {
  ms: number;
  mode: string;
  rowsWritten: number;
  rowsRestated: number;
}

const dbFile = process.argv[2];
const reply = (value: GridBuilt | GridRefreshed) => process.stdout.write(`${JSON.stringify(value)}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line) as GridCommand;
  // Opened for each command: the incremental sync between them writes the file from another process.
  const db = openDatabase(dbFile);
  try {
    if (command.cmd === 'build') {
      ensureSomeRates(db);
      const started = performance.now();
      const built = buildGrid(db);
      reply({ ms: performance.now() - started, rows: built.rows });
    } else {
      const started = performance.now();
      const refreshed = refreshGrid(db);
      const { mode, rowsWritten, rowsRestated } = refreshed;
      reply({ ms: performance.now() - started, mode, rowsWritten, rowsRestated });
    }
  } finally {
    db.close();
  }
}
