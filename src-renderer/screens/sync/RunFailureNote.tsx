import { useT } from '../../i18n';
import { syncDictionary } from '../../i18n/sync';
import { runErrorWords } from './run-error';

/** Why a run failed, in words: the cause, what to do about it, and the error's own text folded away. */
export function RunFailureNote({ error }: { error: string | null }) {
  const t = useT(syncDictionary);
  const words = runErrorWords(error, t);
  return (
    <div className="diff-note run-failure">
      <p className="error">{t('diff.failed', { error: words?.title ?? '' })}</p>
      {words?.fix && <p className="run-failure-fix">{words.fix}</p>}
      {words?.detail && (
        <details className="run-failure-technical">
          <summary>{t('diff.technical')}</summary>
          <code>{words.detail}</code>
        </details>
      )}
    </div>
  );
}
