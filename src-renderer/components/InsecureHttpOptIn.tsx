import { isInsecureRemoteHttp } from '../../src-shared/insecure-http';
import { useT } from '../i18n';
import { urlProblemsDictionary } from '../i18n/url-problems';
import './insecure-http.css';

interface Props {
  /** The address as typed: the warning and the checkbox appear once it is plain http:// to another machine. */
  url: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | null;
}

/** The explicit opt-in plain http:// to a remote host needs (url-policy), with what it risks said beside it. */
export function InsecureHttpOptIn({ url, checked, onChange, error }: Props) {
  const t = useT(urlProblemsDictionary);
  const insecure = isInsecureRemoteHttp(url);
  if (!insecure && !checked) return null;
  let host = '';
  try {
    host = new URL(url.trim()).hostname;
  } catch {
    // Not a URL yet: the checkbox stays (it is ticked), the warning waits for an address.
  }
  return (
    <div className="insecure-http" role={insecure ? 'alert' : undefined}>
      {insecure && <p className="insecure-http-warning">{t('insecure.warning', { host })}</p>}
      <label className="checkbox">
        <input
          type="checkbox"
          name="allowInsecureHttp"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span>{t('insecure.allow')}</span>
      </label>
      {error && <small className="error">{error}</small>}
    </div>
  );
}
