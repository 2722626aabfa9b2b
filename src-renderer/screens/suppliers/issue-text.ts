import { decodeCodedIssue, type CodedIssue } from '../../../src-shared/coded-issue';
import { useT } from '../../i18n';
import { suppliersDictionary } from '../../i18n/suppliers';
import { urlProblemsDictionary } from '../../i18n/url-problems';
import { useUiStore } from '../../stores/ui';
import { formatList } from '../../stores/format-list';

/** A connection field's label in the merchant's language (the form's own words, never the config key). */
export function useFieldLabel() {
  const t = useT(suppliersDictionary);
  return (key: string): string => {
    const label = t(`field.${key}`);
    return label === `field.${key}` ? key : label;
  };
}

/**
 * Words a message from main: each `field: @code?params` part (a coded issue) in the merchant's language, any other
 * text as it came. `withoutField` drops the field name where the message already sits under that field.
 */
export function useIssueText() {
  const tUrl = useT(urlProblemsDictionary);
  const t = useT(suppliersDictionary);
  const label = useFieldLabel();
  const language = useUiStore((s) => s.language);
  const word = (field: string, coded: CodedIssue): string => {
    if (coded.code.startsWith('url.')) return tUrl(coded.code, coded.params);
    if (coded.code === 'field.required')
      return field === 'name' ? t('field.nameRequired') : t('field.required', { label: label(field) });
    if (coded.code === 'field.invalid') {
      const specific = t(`invalid.${field}`);
      return specific === `invalid.${field}` ? t('field.invalid') : specific;
    }
    if (coded.code === 'secret.reenter') {
      const changed = formatList((coded.params.changed ?? '').split(/,\s*/).filter(Boolean).map(label), language);
      return t('secret.reenter', { changed });
    }
    return t(coded.code, coded.params);
  };
  return (message: string, withoutField = false): string =>
    message
      .split(/;\s+/)
      .map((part) => {
        const match = /^([A-Za-z0-9_.]+):\s*(.+)$/.exec(part);
        const coded = decodeCodedIssue(match ? match[2] : part);
        if (!coded) return match && withoutField ? match[2] : part;
        const text = word(match?.[1] ?? '', coded);
        return match && !withoutField ? t('issue.ofField', { field: label(match[1]), text }) : text;
      })
      .reduce((first, next) => t('issue.parts', { first, next }));
}
