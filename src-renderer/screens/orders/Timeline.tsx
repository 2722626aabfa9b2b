import type { TimelineEntry } from '../../../src-main/orders/types';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { useUiStore } from '../../stores/ui';
import { StatusBadge } from './StatusBadge';
import { formatStamp } from './time';
import { decodeCodedIssue } from '../../../src-main/config/coded-issue';

/** The supplier's own word, or what main recorded as a code (BillionConnect's wait for its N009), worded here. */
function upstreamText(status: string, t: ReturnType<typeof useT>): string {
  const coded = decodeCodedIssue(status);
  return coded ? t(`upstream.${coded.code}.${coded.params.step ?? ''}`) : status;
}

/** Every status the order went through, with the supplier's own word for it and why. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const t = useT(ordersDictionary);
  const language = useUiStore((s) => s.language);
  if (entries.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  return (
    <ol className="order-timeline" aria-label={t('timeline.title')}>
      {entries.map((entry, index) => (
        <li key={index} className="timeline-entry">
          <time className="timeline-time muted" dateTime={entry.at}>{formatStamp(entry.at, language)}</time>
          <StatusBadge status={entry.status} />
          <span className="timeline-text">
            {entry.upstreamStatus && (
              <span className="timeline-upstream" data-worded={decodeCodedIssue(entry.upstreamStatus) ? '' : undefined} title={t('timeline.upstream')}>
                {upstreamText(entry.upstreamStatus, t)}
              </span>
            )}
            {entry.note && <span className="timeline-note">{entry.note}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
