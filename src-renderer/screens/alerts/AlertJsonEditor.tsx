import { useT } from '../../i18n';
import { alertsDictionary } from '../../i18n/alerts';
import { useAlertRulesStore } from '../../stores/alert-rules';
import { ALERT_RULE_TYPES, type DocumentProblem } from '../../stores/alert-rules-form';

/** The same document as text, for power users and for pasting what `supplygrid alerts rules --json` printed. */
export function AlertJsonEditor() {
  const t = useT(alertsDictionary);
  const { jsonText, problems, touched, showAll, editJson, touch } = useAlertRulesStore();
  const shown = touched.json || showAll ? problems : [];
  return (
    <div className="alert-json">
      <p className="muted alert-json-help">
        {t('rules.jsonHelp')} <code translate="no">supplygrid alerts rules --json</code> ·{' '}
        <code translate="no">supplygrid alerts rules set --file FILE</code>
        <br />
        {t('rules.jsonTypes')}{' '}
        {ALERT_RULE_TYPES.map((type, index) => (
          <span key={type}>
            {index > 0 ? ' · ' : ''}
            <code translate="no">{type}</code>
          </span>
        ))}
      </p>
      <textarea
        aria-label={t('rules.json')}
        className="alert-rules-json"
        translate="no"
        spellCheck={false}
        value={jsonText}
        aria-invalid={shown.length > 0}
        aria-describedby={shown.length > 0 ? 'alert-json-problems' : undefined}
        onChange={(event) => editJson(event.target.value)}
        onBlur={() => touch('json')}
        rows={Math.max(10, Math.min(24, jsonText.split('\n').length + 1))}
      />
      {shown.length > 0 && (
        <ul className="alert-json-problems" id="alert-json-problems">
          {shown.map((problem, index) => (
            <li key={index} className="error">
              <ProblemText problem={problem} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "Rule 2 (late) · times: A whole number from 1 to 100": where in the document, by the JSON keys, and what is wrong. */
function ProblemText({ problem }: { problem: DocumentProblem }) {
  const t = useT(alertsDictionary);
  const what =
    problem.code === 'json' && problem.params.line
      ? t('error.jsonAt', problem.params)
      : t(`error.${problem.code}`, problem.params);
  return (
    <>
      {problem.rule ? t('problem.rule', { n: problem.rule.n }) : problem.path ? null : t('problem.document')}
      {problem.rule?.id && (
        <>
          {' '}
          (<code translate="no">{problem.rule.id}</code>)
        </>
      )}
      {problem.path && (
        <>
          {problem.rule ? ' · ' : ''}
          <code translate="no">{problem.path}</code>
        </>
      )}
      {': '}
      {what}
    </>
  );
}
