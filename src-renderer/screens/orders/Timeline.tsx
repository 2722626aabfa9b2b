import type { TimelineEntry } from '../../../src-shared/order-types';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { useUiStore } from '../../stores/ui';
import { StatusBadge } from './StatusBadge';
import { formatStamp } from './time';
import { useOrderText } from './order-text';

/** Every status the order went through, with the supplier's own word for it and why. */
export function Timeline({ entries, supplierId }: { entries: TimelineEntry[]; supplierId: string }) {
  const t = useT(ordersDictionary);
  const text = useOrderText(supplierId);
  const language = useUiStore((s) => s.language);
  if (entries.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  return (
    <ol className="order-timeline" aria-label={t('timeline.title')}>
      {entries.map((entry, index) => (
        <li key={index} className="timeline-entry">
          <time className="timeline-time muted" dateTime={entry.at}>
            {formatStamp(entry.at, language)}
          </time>
          <StatusBadge status={entry.status} />
          <span className="timeline-text">
            {entry.upstreamStatus && (
              <span
                className="timeline-upstream"
                title={t('timeline.upstream')}
                translate={text.own(entry.upstreamStatus) ? 'no' : undefined}
              >
                {text.word(entry.upstreamStatus)}
              </span>
            )}
            {entry.note && <span className="timeline-note">{text.word(entry.note)}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
