import { useT } from '../../i18n';
import { suppliersDictionary } from '../../i18n/suppliers';
import { useAppStore } from '../../stores/app';

/** What main asks the merchant to know (codes, worded here): e.g. an imported suppliers.json still on disk in clear. */
export function AppNotices() {
  const t = useT(suppliersDictionary);
  const notices = useAppStore((s) => s.info?.notices ?? []);
  if (notices.length === 0) return null;
  return (
    <>
      {notices.map((notice) => (
        <div key={notice.code} className="card app-notice warning" role="status" data-notice={notice.code}>
          <p>{t(`notice.${notice.code}`, notice.params)}</p>
        </div>
      ))}
    </>
  );
}
