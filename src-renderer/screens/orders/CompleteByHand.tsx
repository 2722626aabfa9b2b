import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { useOrdersStore } from '../../stores/orders';
import { useOrderText } from './order-text';

/** Paste what the supplier delivered elsewhere (its portal, an email): an LPA, Apple's link, or a notification body. */
export function CompleteByHand({
  orderId,
  supplierId,
  onDone,
}: {
  orderId: number;
  supplierId: string;
  onDone: () => void;
}) {
  const t = useT(ordersDictionary);
  const orderText = useOrderText(supplierId);
  const id = useId();
  const completeManually = useOrdersStore((s) => s.completeManually);
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await completeManually(orderId, text);
      onDone();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="complete-by-hand" onSubmit={(event) => void submit(event)}>
      <label htmlFor={id}>{t('manual.label')}</label>
      <textarea
        id={id}
        rows={4}
        value={text}
        spellCheck={false}
        placeholder={t('manual.placeholder')}
        onChange={(event) => setText(event.target.value)}
        aria-invalid={error !== null}
      />
      <p className="muted manual-help">{t('manual.help')}</p>
      {error && (
        <p className="error" role="alert">
          {orderText.word(error)}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={pending || text.trim() === ''}>
          {pending ? t('manual.saving') : t('manual.submit')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('action.cancel')}
        </button>
      </div>
    </form>
  );
}
