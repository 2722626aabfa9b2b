import type { ConnectionTest } from '../../../src-shared/contract';
import { wordCodedText } from '../../../src-shared/coded-issue';
import { formatMoney, formatMoneyText } from '../../components/format';
import { useT } from '../../i18n';
import { suppliersDictionary } from '../../i18n/suppliers';
import { useIssueText } from './issue-text';

/** A test's outcome: on failure its cause and what to do, in words, with the supplier's own message folded away. */
export function TestResult({ testing, result }: { testing: boolean; result: ConnectionTest | null }) {
  const t = useT(suppliersDictionary);
  const issueText = useIssueText();
  if (testing || !result)
    return (
      <div className="test-result pending" role="status">
        {t('form.testing')}
      </div>
    );
  if (!result.ok) {
    const formProblem = result.cause === 'fields' || result.cause === 'secretAgain';
    return (
      <div className="test-result bad" role="alert" data-cause={result.cause}>
        <strong>{t(`cause.${result.cause}.title`)}</strong>
        <span className="test-fix">{formProblem ? issueText(result.error) : t(`cause.${result.cause}.fix`)}</span>
        {!formProblem && (
          <details className="test-technical">
            <summary>{t('form.technical')}</summary>
            <code className="test-error">{wordCodedText(result.error, t)}</code>
          </details>
        )}
      </div>
    );
  }
  return (
    <div className="test-result ok" role="status">
      <strong>{t('test.ok')}</strong>
      <span>
        {result.balance
          ? t('test.balance', { balance: formatMoney(result.balance) })
          : t('test.noBalance', { currency: result.currency })}
      </span>
      {Object.keys(result.detail).length > 0 && (
        <dl className="test-detail">
          {Object.entries(result.detail).map(([key, value]) => (
            <div key={key}>
              <dt>{t(`detail.${key}`) === `detail.${key}` ? key : t(`detail.${key}`)}</dt>
              <dd>{formatMoneyText(value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
