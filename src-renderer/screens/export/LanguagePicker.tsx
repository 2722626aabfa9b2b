import { useExportStore } from '../../stores/export';
import { addLanguage, moveLanguageUp, removeLanguage, TITLE_LANGUAGES } from '../../stores/export-form';
import { useT } from '../../i18n';
import { exportDictionary } from '../../i18n/export';
import { useUiStore } from '../../stores/ui';
import { languageName } from './labels';

/** Title languages in order: the first is the store's product title, the rest follow as extra columns. */
export function LanguagePicker() {
  const t = useT(exportDictionary);
  const uiLanguage = useUiStore((s) => s.language);
  const languages = useExportStore((s) => s.form?.languages ?? []);
  const updateForm = useExportStore((s) => s.updateForm);
  const nameOf = (tag: string) => languageName(t, uiLanguage, tag);
  const addable = TITLE_LANGUAGES.filter((tag) => !languages.includes(tag));
  return (
    <fieldset className="export-field">
      <legend>{t('languages.label')}</legend>
      <ol className="language-list">
        {languages.map((tag, index) => (
          <li key={tag} className={`language-chip${index === 0 ? ' main-language' : ''}`} data-language={tag}>
            <span className="language-order">{index + 1}</span>
            <span className="language-name" title={tag}>
              {nameOf(tag)}
            </span>
            {index === 0 && <span className="badge neutral">{t('languages.main')}</span>}
            {index > 0 && (
              <button
                type="button"
                className="icon-button"
                aria-label={t('languages.moveUp', { name: nameOf(tag) })}
                title={t('languages.moveUp', { name: nameOf(tag) })}
                onClick={() => updateForm({ languages: moveLanguageUp(languages, index) })}
              >
                ↑
              </button>
            )}
            {languages.length > 1 && (
              <button
                type="button"
                className="icon-button"
                aria-label={t('languages.remove', { name: nameOf(tag) })}
                title={t('languages.remove', { name: nameOf(tag) })}
                onClick={() => updateForm({ languages: removeLanguage(languages, index) })}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ol>
      {addable.length > 0 && (
        <select
          className="language-add"
          aria-label={t('languages.add')}
          value=""
          onChange={(event) => updateForm({ languages: addLanguage(languages, event.target.value) })}
        >
          <option value="">{t('languages.add')}</option>
          {addable.map((tag) => (
            <option key={tag} value={tag}>
              {nameOf(tag)} · {tag}
            </option>
          ))}
        </select>
      )}
      <p className="field-help muted">{t('languages.help')}</p>
    </fieldset>
  );
}
