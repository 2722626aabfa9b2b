import { codedSegments } from './coded-segments';

/** A coded text in the reader's words, the supplier's data in it (ids, field names, values) marked translate="no". */
export function CodedText({
  text,
  t,
  dataParams,
}: {
  text: string;
  t: (code: string, params: Record<string, string>) => string;
  dataParams: ReadonlySet<string>;
}) {
  return (
    <>
      {codedSegments(text, t, dataParams).map((segment, index) =>
        segment.data ? (
          <span key={index} translate="no">
            {segment.text}
          </span>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
