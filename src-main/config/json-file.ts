import { readFileSync, statSync } from 'node:fs';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Reads a JSON file the merchant wrote (suppliers, rules). A syntax error is reported by line and column only:
 * the parser's own message quotes the text around the mistake, and in a suppliers file that text can be a secret.
 */
export function readJsonFile(file: string, what: string, maxBytes?: number): unknown {
  let text: string;
  try {
    // Checked before reading: a huge (or endless, e.g. a device) file is never held in memory.
    if (maxBytes !== undefined) {
      const stats = statSync(file);
      if (!stats.isFile()) throw new ConfigError(`${what} ${file} is not a regular file`);
      const size = stats.size;
      if (size > maxBytes) throw new ConfigError(`${what} ${file} is ${size} bytes; at most ${maxBytes} are read`);
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${what} ${file} is not valid JSON (${syntaxErrorPlace(text, (error as Error).message)})`);
  }
}

function syntaxErrorPlace(text: string, message: string): string {
  const reported = /position (\d+)/.exec(message)?.[1];
  if (/Unexpected end/.test(message) || (reported !== undefined && Number(reported) >= text.length))
    return 'it ends too early';
  // Node's message names no position (only a quote of the text); find the longest prefix that is still the start
  // of valid JSON: the mistake is the next character.
  const isValidStart = (length: number) => {
    try {
      JSON.parse(text.slice(0, length));
      return true;
    } catch (error) {
      // An error at the very end of the prefix means only that it stops early, not that it is wrong.
      const message = (error as Error).message;
      const position = /position (\d+)/.exec(message)?.[1];
      return (
        /Unexpected end|Unterminated string/.test(message) || (position !== undefined && Number(position) >= length)
      );
    }
  };
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (isValidStart(middle)) low = middle;
    else high = middle - 1;
  }
  const before = text.slice(0, low);
  return `syntax error at line ${before.split('\n').length}, column ${low - before.lastIndexOf('\n')}`;
}
