// Records every request this thread sends, as sent, one JSON line each, for the fetch floor to replay the same
// traffic (bench/run.ts). The file is named by SUPPLYGRID_BENCH_RECORD_TO, which sync threads inherit.
import { appendFileSync } from 'node:fs';
import { transportTaps } from '../src-main/http/transport';

export const RECORD_TO_VARIABLE = 'SUPPLYGRID_BENCH_RECORD_TO';

export function recordRequests(file: string | undefined = process.env[RECORD_TO_VARIABLE]): void {
  if (!file) return;
  transportTaps.add((req) => appendFileSync(file, `${JSON.stringify({ ...req, body: req.body?.toString() })}\n`));
}
