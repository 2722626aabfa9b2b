import { useEffect, useState } from 'react';
import type { Settings } from '../../src-shared/contract';
import { useSettingsStore } from './settings';

/** The settings typed as a whole number into a box. */
type WholeNumberField = 'syncHoldRemovalPercent' | 'syncDeadlineMinutes' | 'fullListingEveryHours';

/**
 * A whole-number setting typed into a box: the text as typed (following main's value when it changes), whether what
 * was committed (on Enter or blur) is out of bounds, and main's refusal; an in-bounds value that differs is saved.
 */
export function useWholeNumberSetting(field: WholeNumberField, bounds: { min: number; max: number }) {
  const { settings, saving, errors, update } = useSettingsStore();
  const current: Settings[WholeNumberField] | undefined = settings?.[field];
  const [text, setText] = useState(current === undefined ? '' : String(current));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    if (current !== undefined) setText(String(current));
  }, [current]);

  const commit = () => {
    const value = Number(text);
    const ok = /^\d+$/.test(text.trim()) && value >= bounds.min && value <= bounds.max;
    setInvalid(!ok);
    if (ok && value !== current) void update(field, value);
  };
  // What the box itself takes, spread onto its <input type="number">.
  const inputProps = {
    value: text,
    disabled: !settings || saving === field,
    'aria-invalid': invalid,
    onChange: (event: { target: { value: string } }) => setText(event.target.value),
    onBlur: commit,
    onKeyDown: (event: { key: string }) => event.key === 'Enter' && commit(),
  };
  return { invalid, error: errors[field], inputProps };
}
