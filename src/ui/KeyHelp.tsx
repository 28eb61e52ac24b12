import { actionById, keyName, userActions } from '../state/actions';
import { useText, type UiText } from '../i18n';

/** The step sizes an action's name quotes, as the language writes numbers. */
const valuesOf = (values: Record<string, number> | undefined, n: UiText['n']) =>
  Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, n(v, Number.isInteger(v) ? 0 : 1)]));

/** The shortcut list, generated from the same actions the keys run. */
export function KeyHelp() {
  // The needle pad's own keys are told on the pad (they work only while it has focus).
  const unique = userActions.filter((a) => !a.shift && !a.scope);
  const { t, n } = useText();
  return (
    <details className="key-help">
      <summary>{t('keys.title')}</summary>
      <p>{t('keys.mouse')}</p>
      <ul>
        {unique.map((a) => (
          <li key={a.id}>
            <kbd>{[...new Set(a.keys.map(keyName))].join(' / ')}</kbd> {t(a.label, valuesOf(a.labelValues, n))}
          </li>
        ))}
        <li>{t('keys.fast', valuesOf(actionById('slide-left-fast').labelValues, n))}</li>
      </ul>
    </details>
  );
}
