import { wordCodedText } from '../../src-shared/coded-issue';

/** A piece of a worded text: our words, or the supplier's data quoted in them (an id, a field's name, a value). */
export interface TextSegment {
  text: string;
  data: boolean;
}

// Private-use characters bracket the data while the text is worded, so it can be found again once filled in.
const OPEN = '\uE000';
const CLOSE = '\uE001';

/**
 * A coded text worded as `wordCodedText` words it, in segments: what the parameters named in `dataParams` fill in is
 * data, which the screen marks translate="no" (a browser's translation must not rename a field or an id). A part that
 * is not coded (a text stored before codes, the supplier's own words) is one segment, as it came.
 */
export function codedSegments(
  text: string,
  translate: (code: string, params: Record<string, string>) => string,
  dataParams: ReadonlySet<string>,
): TextSegment[] {
  const worded = wordCodedText(text, (code, params) =>
    translate(
      code,
      Object.fromEntries(
        Object.entries(params).map(([name, value]) => [
          name,
          // A parameter worded from a code of its own holds words, not data.
          dataParams.has(name) && !value.includes(OPEN) ? `${OPEN}${value}${CLOSE}` : value,
        ]),
      ),
    ),
  );
  const segments: TextSegment[] = [];
  for (const [index, piece] of worded.split(OPEN).entries()) {
    const [data, rest] = index === 0 ? [null, piece] : splitOnce(piece, CLOSE);
    if (data) segments.push({ text: data, data: true });
    if (rest) segments.push({ text: rest, data: false });
  }
  return segments;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}
