import { useEffect, useRef } from 'react';
import { useT } from '../../i18n';
import { gridDictionary } from '../../i18n/grid';
import { useGridStore } from '../../stores/grid';
import { useSelectionStore } from '../../stores/grid-selection';

/** Ticks every row the filter matches (main resolves which), or clears the selection when some are ticked. */
export function SelectAllBox() {
  const t = useT(gridDictionary);
  const total = useGridStore((s) => s.total) ?? 0;
  const count = useSelectionStore((s) => s.count(total));
  const box = useRef<HTMLInputElement>(null);
  const all = total > 0 && count === total;
  useEffect(() => {
    if (box.current) box.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  const onChange = () => {
    const selection = useSelectionStore.getState();
    if (count > 0) selection.clear();
    else selection.selectAllMatching();
  };
  return (
    <input
      ref={box}
      type="checkbox"
      className="row-check"
      checked={all}
      onChange={onChange}
      aria-label={count > 0 ? t('select.none') : t('select.allMatching', { count: total })}
      title={count > 0 ? t('select.none') : t('select.allMatching', { count: total })}
    />
  );
}
