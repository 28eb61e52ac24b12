import { useSimStore } from '../state/store';
import { useText } from '../i18n';

/** Play, pause, scrub, speed and step through a stored attempt; shown instead of the attempt bar. */
export function ReplayBar() {
  const replay = useSimStore((s) => s.replay);
  const st = useSimStore.getState;
  const ui = useText();
  const { t: text, n } = ui;
  if (!replay) return null;
  const { record, index, playing, speed, safetyMarks } = replay;
  const t = record.events[index - 1]?.tMs ?? 0;
  const end = record.events.at(-1)?.tMs ?? 0;
  // The safety events are the moments an instructor steps to; then every needle move.
  const marks = record.events.map((e, i) => ({ e, i })).filter(({ e }) => e.kind === 'needle-advanced' || e.kind === 'injection' || e.kind === 'needle-inserted');
  const nextMark = marks.find(({ i }) => i + 1 > index);
  const previousMark = [...marks].reverse().find(({ i }) => i + 1 < index);
  const nextSafety = safetyMarks.find((m) => m.index > index);
  const previousSafety = [...safetyMarks].reverse().find((m) => m.index < index);
  const here = safetyMarks.filter((m) => m.index === index);
  return (
    <div className="replay-bar" data-testid="replay-bar">
      <strong>{text('replay.title')}</strong> {record.trainee || text('debrief.unnamed')} ·
      <button type="button" data-testid="replay-play" aria-pressed={playing} onClick={() => void st().setReplayPlaying(!playing)}>
        {playing ? text('replay.pause') : text('replay.play')}
      </button>
      <button type="button" disabled={!previousMark} onClick={() => previousMark && void st().seekReplay(previousMark.i + 1)}>
        {text('replay.previousNeedle')}
      </button>
      <input type="range" data-testid="replay-scrub" min={1} max={record.events.length} value={index} onChange={(e) => void st().seekReplay(Number(e.target.value))} />
      <button type="button" disabled={!nextMark} data-testid="replay-next" onClick={() => nextMark && void st().seekReplay(nextMark.i + 1)}>
        {text('replay.nextNeedle')}
      </button>
      <button type="button" disabled={!previousSafety} onClick={() => previousSafety && void st().seekReplay(previousSafety.index)}>
        {text('replay.previousSafety')}
      </button>
      <button type="button" disabled={!nextSafety} data-testid="replay-next-safety" onClick={() => nextSafety && void st().seekReplay(nextSafety.index)}>
        {text('replay.nextSafety', { count: safetyMarks.length })}
      </button>
      <select value={speed} onChange={(e) => st().setReplaySpeed(Number(e.target.value))} aria-label={text('replay.speed')}>
        {[0.5, 1, 2, 4, 8].map((s) => (
          <option key={s} value={s}>
            {text('replay.speedValue', { speed: n(s, s % 1 ? 1 : 0) })}
          </option>
        ))}
      </select>
      <span data-testid="replay-time">
        {text('replay.time', { t: n(t / 1000, 1), end: n(end / 1000, 1), index: n(index), count: n(record.events.length) })}
      </span>
      {here.length > 0 && (
        <span className={here.some((m) => m.event.critical) ? 'replay-safety critical' : 'replay-safety'} data-testid="replay-safety-here">
          {here.map((m) => ui.say(m.event.description)).join(' · ')}
        </span>
      )}
      <button type="button" data-testid="replay-close" onClick={() => void st().closeReplay()}>
        {text('replay.close')}
      </button>
    </div>
  );
}
