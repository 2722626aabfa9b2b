import { useT } from '../../i18n';
import { settingsDictionary } from '../../i18n/settings';
import { useWholeNumberSetting } from '../../stores/whole-number-setting';
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
  const { invalid, error, inputProps } = useWholeNumberSetting(field, setting);
  const id = `setting-${field}`;
  return (
    <SettingRow
      label={t(prefix)}
      htmlFor={id}
      help={t(`${prefix}.help`, { n: setting.default })}
      error={invalid ? t(`${prefix}.invalid`, { min: setting.min, max: setting.max }) : error}
    >
      <div className="setting-inline">
        <input
          id={id}
          className="whole-number-input"
          type="number"
          min={setting.min}
          max={setting.max}
          {...inputProps}
        />
        <span>{t(`${prefix}.unit`)}</span>
      </div>
    </SettingRow>
  );
}
