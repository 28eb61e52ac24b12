import { describe, expect, it, vi } from 'vitest';
import { caseParameters, findCase } from '../core/cases/cases';
import { KneeAnatomy } from '../core/anatomy/knee';
import { goodAttemptEvents } from '../core/attempt/scriptedAttempt';
import { RUBRIC_ITEMS, VIEW_HOLD_MS } from '../core/scoring/rubric';
import { CHECKLIST_TICK_MS } from './checklistClock';
import type { AttemptMode } from '../core/attempt/events';
import type { ChecklistItem } from './protocol';
import { inProcessHost } from './testHost';

const caseId = 'normal-teaching-knee';
const parameters = caseParameters(findCase(caseId)!, 'right', 1);
const model = goodAttemptEvents(new KneeAnatomy(parameters), { caseId });
// The model's first event is the case; its second holds the probe in short axis over the fibular head.
const [loaded, shortAxis] = model;

/** A host in-process with its own clock (ms), answering typed requests. */
function startHost() {
  const clock = { nowMs: 0 };
  const { posted, call } = inProcessHost(() => clock.nowMs);
  const checklists = () => posted.flatMap((m) => ('push' in m && m.push === 'checklist' ? [m.checklist] : []));
  const open = async (mode: AttemptMode) => {
    await call('build', { parameters });
    await call('open', { session: 'live', mode, events: [] });
    await call('event', { session: 'live', event: loaded, throttleFluid: false });
    return (await call('event', { session: 'live', event: shortAxis, throttleFluid: false })).snapshot;
  };
  return { call, clock, checklists, open };
}

const full = (checklist: ChecklistItem[] | null | undefined, id: string) => checklist?.find((i) => i.id === id && i.points >= i.maxPoints) !== undefined;

describe('worker host: guided practice’s checklist', () => {
  it('every guided snapshot carries the rubric’s items as keys and values; a view held ticks with time alone, pushed by the worker', async () => {
    const { clock, checklists, open } = startHost();
    const snapshot = await open('guided');
    expect(snapshot.checklist?.map((i) => i.id)).toEqual(RUBRIC_ITEMS.map((r) => r.id));
    expect(snapshot.checklist?.every((i) => typeof i.reason.key === 'string' && !('title' in i))).toBe(true);
    // Just placed: held for no time yet.
    expect(full(snapshot.checklist, 'short-axis-view')).toBe(false);
    // Half the hold on the worker's clock: re-scored, not yet full.
    clock.nowMs = VIEW_HOLD_MS / 2;
    await vi.waitFor(() => expect(checklists().length).toBeGreaterThan(0), { timeout: 5000 });
    expect(full(checklists().at(-1), 'short-axis-view')).toBe(false);
    expect(checklists().at(-1)?.find((i) => i.id === 'short-axis-view')?.reason).toEqual({ key: 'reason.short-axis-view.held', values: { held: 0.5, full: 1 } });
    // The whole hold with no event since: the next tick says it.
    clock.nowMs = VIEW_HOLD_MS + 10;
    await vi.waitFor(() => expect(full(checklists().at(-1), 'short-axis-view')).toBe(true), { timeout: 5000 });
    // Nothing changes while the clock stands still: nothing more is sent.
    const sent = checklists().length;
    await new Promise((resolve) => setTimeout(resolve, 3 * CHECKLIST_TICK_MS));
    expect(checklists()).toHaveLength(sent);
  }, 120_000);

  it('assessment: no checklist in the snapshot and none pushed', async () => {
    const { clock, checklists, open } = startHost();
    const snapshot = await open('assessment');
    expect(snapshot.checklist).toBeNull();
    clock.nowMs = 5 * VIEW_HOLD_MS;
    await new Promise((resolve) => setTimeout(resolve, 3 * CHECKLIST_TICK_MS));
    expect(checklists()).toEqual([]);
  }, 120_000);

  it('stops once the attempt is finished', async () => {
    const { call, clock, checklists, open } = startHost();
    await open('guided');
    const finished = await call('event', { session: 'live', event: { tMs: shortAxis.tMs + 10, kind: 'finished' }, throttleFluid: false });
    expect(finished.snapshot.checklist).not.toBeNull();
    clock.nowMs = 5 * VIEW_HOLD_MS;
    await new Promise((resolve) => setTimeout(resolve, 3 * CHECKLIST_TICK_MS));
    expect(checklists()).toEqual([]);
  }, 120_000);
});
