import { useEffect, useState } from 'react';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';

const FEEDBACK_MS = 1600;

/** Copies `text` to the clipboard and says so on the button itself, where the merchant is looking. */
export function CopyButton({ text, what, disabled = false }: { text: string; what: string; disabled?: boolean }) {
  const t = useT(ordersDictionary);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () => {
    // The clipboard may refuse (no focus, a denied permission): say so rather than pretend.
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <button
      type="button"
      className={`button small copy-button ${state}`}
      disabled={disabled}
      aria-label={t('copy.label', { what })}
      title={t('copy.label', { what })}
      onClick={copy}
    >
      {state === 'copied' ? t('copy.done') : state === 'failed' ? t('copy.failed') : t('copy')}
    </button>
  );
}
