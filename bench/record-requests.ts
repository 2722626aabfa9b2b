// Records every request this thread sends, as sent, one JSON line each, for the fetch floor to replay the same
// traffic (bench/run.ts). The file is named by SUPPLYGRID_BENCH_RECORD_TO, which sync threads inherit.
// Kept in memory and written once, when the thread is done: a file append and a JSON.stringify per request would be
// measured as part of the sync they record (about 130 ms a thread at 100k offers).
import { appendFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { transportTaps, type HttpRequest } from '../src-main/http/transport';

export const RECORD_TO_VARIABLE = 'SUPPLYGRID_BENCH_RECORD_TO';

export function recordRequests(file: string | undefined = process.env[RECORD_TO_VARIABLE]): void {
  if (!file) return;
  let sent: HttpRequest[] = [];
  transportTaps.add((req) => sent.push({ ...req, headers: req.headers && { ...req.headers } }));
  const write = () => {
    if (sent.length > 0)
      appendFileSync(file, sent.map((req) => `${JSON.stringify({ ...req, body: req.body?.toString() })}\n`).join(''));
    sent = [];
  };
  process.on('exit', write);
  // A sync thread is terminated once it has posted its results, without an 'exit' of its own: written just before.
  // A thread that dies without either (out of memory) loses its lines, and its suppliers fail the bench anyway.
  const port = parentPort;
  if (!port) return;
  const post = port.postMessage.bind(port);
  port.postMessage = (message: unknown, transfer?: never) => {
    if ((message as { type?: string } | null)?.type === 'results') write();
    post(message, transfer);
  };
}
