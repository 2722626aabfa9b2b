import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { settingsDictionary } from '../../i18n/settings';
import { useSettingsStore } from '../../stores/settings';
import type { Settings } from '../../../src-shared/contract';
import { FULL_LISTING_HOURS, SYNC_DEADLINE_MINUTES, type WholeNumberSetting } from '../../../src-shared/sync-timing';
import { SettingRow } from './SettingRow';

/** How often a catalog is listed whole, and how long one supplier's sync may take: both whole numbers, in bounds. */
export function SyncTimingSettings() {
  return (
    <>
      <WholeNumberRow field="fullListingEveryHours" setting={FULL_LISTING_HOURS} prefix="fullListing" />
      <WholeNumberRow field="syncDeadlineMinutes" setting={SYNC_DEADLINE_MINUTES} prefix="syncDeadline" />
    </>
  );
}

function WholeNumberRow({
  field,
  setting,
  prefix,
}: {
  field: 'fullListingEveryHours' | 'syncDeadlineMinutes';
  setting: WholeNumberSetting;
  prefix: 'fullListing' | 'syncDeadline';
}) {
  const t = useT(settingsDictionary);
  const { settings, saving, errors, update } = useSettingsStore();
  const current: Settings[typeof field] | undefined = settings?.[field];
  const [text, setText] = useState(current === undefined ? '' : String(current));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    if (current !== undefined) setText(String(current));
  }, [current]);

  const commit = () => {
    const value = Number(text);
    const ok = /^\d+$/.test(text.trim()) && value >= setting.min && value <= setting.max;
    setInvalid(!ok);
    if (ok && value !== current) void update(field, value);
  };
  const id = `setting-${field}`;
  return (
    <SettingRow
      label={t(prefix)}
      htmlFor={id}
      help={t(`${prefix}.help`, { n: setting.default })}
      error={invalid ? t(`${prefix}.invalid`, { min: setting.min, max: setting.max }) : errors[field]}
    >
      <div className="setting-inline">
        <input
          id={id}
          className="whole-number-input"
          type="number"
          min={setting.min}
          max={setting.max}
          value={text}
          disabled={!settings || saving === field}
          aria-invalid={invalid}
          onChange={(event) => setText(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => event.key === 'Enter' && commit()}
        />
        <span>{t(`${prefix}.unit`)}</span>
      </div>
    </SettingRow>
  );
}
