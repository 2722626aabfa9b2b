import { wordCodedText } from '../../../src-main/config/coded-issue';
import { useT } from '../../i18n';
import { urlProblemsDictionary } from '../../i18n/url-problems';

/**
 * Words a message from main: each `field: @code?params` part (a coded issue) in the merchant's language, any other
 * text as it came. `withoutField` drops the field name where the message already sits under that field.
 */
export function useIssueText() {
  const t = useT(urlProblemsDictionary);
  return (message: string, withoutField = false): string => wordCodedText(message, t, withoutField);
}
