interface Props<T extends string> {
  value: T;
  /** `lang` marks a label written in its own language (a language's own name). */
  options: Array<{ id: T; label: string; lang?: string }>;
  labelledBy: string;
  onChange: (value: T) => void;
}

/** A small set of exclusive choices, all visible at once: radio semantics, button looks. */
export function SegmentedChoice<T extends string>({ value, options, labelledBy, onChange }: Props<T>) {
  return (
    <div className="segmented" role="radiogroup" aria-labelledby={labelledBy}>
      {options.map((option) => (
        <button
          key={option.id}
          type="button"
          role="radio"
          aria-checked={option.id === value}
          className={option.id === value ? 'active' : ''}
          onClick={() => onChange(option.id)}
          lang={option.lang}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
