import { userActions } from './actions';

const keyName = (key: string) => ({ ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', PageUp: 'PgUp', PageDown: 'PgDn' })[key] ?? key.toUpperCase();

/** The shortcut list, generated from the same actions the keys run. */
export function KeyHelp() {
  const unique = userActions.filter((a) => !a.shift);
  return (
    <details className="key-help">
      <summary>Controls</summary>
      <p>Drag on the skin to slide the probe · Shift+drag to tilt · Alt+wheel (3D) or wheel (image) to rotate · drag elsewhere to orbit.</p>
      <ul>
        {unique.map((a) => (
          <li key={a.id}>
            <kbd>{[...new Set(a.keys.map(keyName))].join(' / ')}</kbd> {a.label}
          </li>
        ))}
        <li>
          <kbd>Shift</kbd> + arrows: slide 5 mm
        </li>
      </ul>
    </details>
  );
}
