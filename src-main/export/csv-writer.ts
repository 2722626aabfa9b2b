import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify, type Options } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';

/**
 * RFC 4180 as the stores and Excel read it: CRLF between records, fields with a comma, quote or line break
 * quoted (quotes doubled), UTF-8 with a byte order mark so Excel shows Chinese instead of mojibake.
 * csv-stringify quotes a field only when it contains the whole record delimiter (CRLF), so a lone LF or CR
 * inside a title is matched explicitly: unquoted, it would split the record in two.
 */
export const CSV_FORMAT: Options = { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ };

/**
 * Streams records into `target` without ever holding the file in memory: records are pulled from the
 * iterable only as fast as the disk takes them (pipeline backpressure), so a lazy source is paged on demand.
 * The file is written beside the target under a temporary name, flushed to disk, then renamed over the
 * target: a crash or an error leaves the previous file (or none), never a half-written one under its name.
 */
export async function writeCsvAtomically(
  target: string,
  header: readonly string[],
  records: Iterable<string[]>,
): Promise<void> {
  const partial = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.part`);
  try {
    await pipeline(
      Readable.from(withHeader(header, records)),
      stringify(CSV_FORMAT),
      createWriteStream(partial, { flags: 'wx' }),
    );
    const handle = await open(partial, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** The same bytes as a string, for exports small enough to hand to the UI. */
export function csvText(header: readonly string[], records: Iterable<string[]>): string {
  return stringifySync([...withHeader(header, records)], CSV_FORMAT);
}

function* withHeader(header: readonly string[], records: Iterable<string[]>): Generator<string[]> {
  yield [...header];
  yield* records;
}
