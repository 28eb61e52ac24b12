import { LANGUAGES, setLanguage, useText, type Language } from '../i18n';

/** Switches the whole UI and the case texts between English and Chinese at any time; remembered. */
export function LanguageSelect() {
  const { t, language } = useText();
  return (
    <label className="language-select">
      {t('language.label')}{' '}
      <select data-testid="language-select" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l.id} value={l.id} lang={l.id === 'zh' ? 'zh-CN' : 'en'}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
