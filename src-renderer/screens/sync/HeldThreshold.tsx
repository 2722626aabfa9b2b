import { useId } from 'react';
import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';
import { useWholeNumberSetting } from '../../stores/whole-number-setting';

/** The share of a supplier's offers a sync may remove before it is held for review. */
export function HeldThreshold() {
  const t = useT(syncDictionary);
  const id = useId();
  const { invalid, error, inputProps } = useWholeNumberSetting('syncHoldRemovalPercent', {
    min: 1,
    max: 100,
  });
  return (
    <div className="held-threshold">
      <label htmlFor={id}>{t('held.threshold')}</label>
      <input id={id} type="number" min={1} max={100} {...inputProps} />
      <span>{t('held.thresholdAll')}</span>
      {invalid && <span className="error">{t('held.thresholdInvalid')}</span>}
      {error && <span className="error">{error}</span>}
    </div>
  );
}
