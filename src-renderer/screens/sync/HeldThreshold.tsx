import { useEffect, useId, useState } from 'react';
import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';
import { useSettingsStore } from '../../stores/settings';

/** The share of a supplier's offers a sync may remove before it is held for review. */
export function HeldThreshold() {
  const t = useT(syncDictionary);
  const id = useId();
  const { settings, saving, errors, update } = useSettingsStore();
  const current = settings?.syncHoldRemovalPercent;
  const [text, setText] = useState(current === undefined ? '' : String(current));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    if (current !== undefined) setText(String(current));
  }, [current]);

  const commit = () => {
    const value = Number(text);
    const ok = /^\d+$/.test(text.trim()) && value >= 1 && value <= 100;
    setInvalid(!ok);
    if (ok && value !== current) void update('syncHoldRemovalPercent', value);
  };
  return (
    <div className="held-threshold">
      <label htmlFor={id}>{t('held.threshold')}</label>
      <input
        id={id}
        type="number"
        min={1}
        max={100}
        value={text}
        disabled={!settings || saving === 'syncHoldRemovalPercent'}
        aria-invalid={invalid}
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => event.key === 'Enter' && commit()}
      />
      <span>{t('held.thresholdAll')}</span>
      {invalid && <span className="error">{t('held.thresholdInvalid')}</span>}
      {errors.syncHoldRemovalPercent && <span className="error">{errors.syncHoldRemovalPercent}</span>}
    </div>
  );
}
