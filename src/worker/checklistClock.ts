import type { SimulationSession } from './session';
import type { ChecklistItem } from './protocol';

/** How often guided practice's checklist is re-read while nothing happens: "held 1 s" ticks within this of the second passing. */
export const CHECKLIST_TICK_MS = 250;

/**
 * Guided practice's checklist between events. A view held still is scored by how long it has
 * been held, which grows with no event at all; so while the live session is guided and not
 * finished, its checklist is scored again every CHECKLIST_TICK_MS as if the attempt ran to now
 * (its last event's time plus the time since it was answered) and sent when it changed. Scoring
 * stays in the worker; the store only mirrors what is sent.
 */
export class ChecklistClock {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private session: SimulationSession | null = null;
  /** The attempt time of the session's last event, and the worker's time when it was answered. */
  private anchor = { attemptMs: 0, atMs: 0 };
  /** The checklist last sent (or answered with an event), as JSON: an unchanged one is not sent again. */
  private shown = 'null';

  constructor(
    private readonly now: () => number,
    private readonly send: (checklist: ChecklistItem[]) => void,
  ) {}

  /** The live session answered (an event, an open, a mode change) with `checklist`: the clock runs from its last event. */
  answered(session: SimulationSession, checklist: ChecklistItem[] | null): void {
    this.stop();
    this.shown = JSON.stringify(checklist);
    if (!checklist || session.finished) return;
    this.session = session;
    this.anchor = { attemptMs: session.facts()?.durationMs ?? 0, atMs: this.now() };
    this.schedule();
  }

  /** No live session to tick (closed). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.session = null;
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.tick(), CHECKLIST_TICK_MS);
  }

  private tick(): void {
    this.timer = null;
    const session = this.session;
    if (!session) return;
    const checklist = session.checklistAt(this.anchor.attemptMs + this.now() - this.anchor.atMs);
    if (!checklist) return;
    const json = JSON.stringify(checklist);
    if (json !== this.shown) {
      this.shown = json;
      this.send(checklist);
    }
    this.schedule();
  }
}
