import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';
import { secondsUntil } from '../../stores/sync-progress';

/** "Waiting for the supplier's request limit — resumes in 23 s", counting down once a second. */
export function WaitingCountdown({ resumesAt }: { resumesAt: number }) {
  const t = useT(syncDictionary);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [resumesAt]);
  return (
    <span className="progress-waiting" role="status">
      {t('progress.waiting', { s: secondsUntil(resumesAt, now) })}
    </span>
  );
}
