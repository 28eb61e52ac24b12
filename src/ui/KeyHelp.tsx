import { userActions } from './actions';
import { useText } from '../i18n';
import type { TextKey } from '../i18n/en';

const keyName = (key: string) => ({ ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', PageUp: 'PgUp', PageDown: 'PgDn' })[key] ?? key.toUpperCase();

/** The shortcut list, generated from the same actions the keys run. */
export function KeyHelp() {
  const unique = userActions.filter((a) => !a.shift);
  const { t } = useText();
  return (
    <details className="key-help">
      <summary>{t('keys.title')}</summary>
      <p>{t('keys.mouse')}</p>
      <ul>
        {unique.map((a) => (
          <li key={a.id}>
            <kbd>{[...new Set(a.keys.map(keyName))].join(' / ')}</kbd> {t(`action.${a.id}` as TextKey)}
          </li>
        ))}
        <li>
          {t('keys.fast')}
        </li>
      </ul>
    </details>
  );
}
