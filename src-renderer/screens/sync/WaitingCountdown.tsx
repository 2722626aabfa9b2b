import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';
import { secondsUntil } from '../../stores/sync-progress';
import { sayDuration } from '../../components/format';

/** "Waiting for the supplier's request limit — resumes in 1 min 23 s", counting down once a second. */
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
      {t('progress.waiting', { duration: sayDuration(t, secondsUntil(resumesAt, now) * 1000) })}
    </span>
  );
}
