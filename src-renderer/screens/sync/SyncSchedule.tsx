import { useEffect, useId, useState } from 'react';
import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';
import './sync-schedule.css';
import { useSettingsStore } from '../../stores/settings';

const DEFAULT_MINUTES = 60;

/** Automatic sync: off (the default) or every N minutes. Shared by the Sync and Settings screens. */
export function SyncSchedule() {
  const t = useT(syncDictionary);
  const id = useId();
  const { settings, saving, errors, update } = useSettingsStore();
  const current = settings?.syncIntervalMinutes ?? 0;
  const [minutes, setMinutes] = useState(String(current || DEFAULT_MINUTES));
  const [invalid, setInvalid] = useState(false);
  // The box follows the click at once; main's answer (or refusal) then settles it.
  const [pendingEnabled, setPendingEnabled] = useState<boolean | null>(null);
  const enabled = pendingEnabled ?? current > 0;

  useEffect(() => {
    if (current > 0) setMinutes(String(current));
  }, [current]);

  const write = (value: number) => {
    setPendingEnabled(value > 0);
    void update('syncIntervalMinutes', value).finally(() => setPendingEnabled(null));
  };

  const commit = (on: boolean) => {
    setInvalid(false);
    if (!on) return write(0);
    const value = Number(minutes);
    const ok = /^\d+$/.test(minutes.trim()) && value >= 1 && value <= 1440;
    setInvalid(!ok);
    if (ok && value !== current) write(value);
  };

  const busy = saving === 'syncIntervalMinutes';
  return (
    <div className="sync-schedule">
      <label className="schedule-toggle">
        <input
          type="checkbox"
          checked={enabled}
          disabled={!settings || busy}
          onChange={(event) => commit(event.target.checked)}
        />
        <span>{t('schedule.auto')}</span>
      </label>
      <label className="schedule-minutes" htmlFor={id}>
        <span>{t('schedule.every')}</span>
        <input
          id={id}
          type="number"
          min={1}
          max={1440}
          value={minutes}
          disabled={!settings || busy || !enabled}
          aria-invalid={invalid}
          onChange={(event) => setMinutes(event.target.value)}
          onBlur={() => enabled && commit(true)}
          onKeyDown={(event) => event.key === 'Enter' && commit(true)}
        />
        <span>{t('schedule.minutes')}</span>
      </label>
      <span className="schedule-state muted">{current > 0 ? t('schedule.on', { n: current }) : t('schedule.off')}</span>
      {invalid && <span className="error">{t('schedule.invalid')}</span>}
      {errors.syncIntervalMinutes && <span className="error">{errors.syncIntervalMinutes}</span>}
    </div>
  );
}
