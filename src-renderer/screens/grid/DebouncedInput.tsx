import { useEffect, useRef, useState, type InputHTMLAttributes } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  value: string;
  onCommit(value: string): void;
  delay?: number;
};

/**
 * A text box that answers every keystroke at once but tells the store only once typing pauses: each commit is a
 * server query, and a query per keystroke would make the table flicker through half-typed searches.
 */
export function DebouncedInput({ value, onCommit, delay = 200, onKeyDown, ...inputProps }: Props) {
  const [text, setText] = useState(value);
  const committed = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // While an IME composes (pinyin "riben" on its way to 日本) the text is not what the merchant means yet.
  const composing = useRef(false);

  // A change from outside (Clear filters) replaces what is typed; our own commits coming back do not.
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const commit = (next: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    committed.current = next;
    onCommit(next);
  };

  return (
    <input
      {...inputProps}
      value={text}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        if (timer.current) clearTimeout(timer.current);
        if (!composing.current) timer.current = setTimeout(() => commit(next), delay);
      }}
      onCompositionStart={() => {
        composing.current = true;
      }}
      onCompositionEnd={(event) => {
        composing.current = false;
        const next = event.currentTarget.value;
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => commit(next), delay);
      }}
      onKeyDown={(event) => {
        // Enter means "now": no reason to wait out the pause.
        if (event.key === 'Enter' && !composing.current) commit(text);
        if (event.key === 'Escape' && text) {
          setText('');
          commit('');
        }
        onKeyDown?.(event);
      }}
    />
  );
}
