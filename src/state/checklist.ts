import type { ScoreItemId } from '../core/scoring/rubric';
import type { ChecklistItem } from '../worker/protocol';
import type { SimState } from './store';

/** The procedure's steps in order (their label's text key) and the rubric items that tick each. */
export const CHECKLIST_STEPS = [
  { label: 'checklist.step1', items: ['short-axis-view'] },
  { label: 'checklist.step2', items: ['dynamic-compression'] },
  { label: 'checklist.step3', items: ['long-axis-view', 'long-axis-trace'] },
  { label: 'checklist.step4', items: ['medial-to-lateral', 'tip-visible-advancing'] },
  { label: 'checklist.step5', items: ['above-and-below', 'tip-visible-injecting', 'volume'] },
  { label: 'checklist.step6', items: ['halo', 'longitudinal-spread'] },
  { label: 'checklist.step7', items: ['saved-short-axis', 'saved-long-axis'] },
] as const satisfies readonly { label: string; items: readonly ScoreItemId[] }[];

export interface ChecklistStep {
  label: (typeof CHECKLIST_STEPS)[number]['label'];
  /** Every rubric item of the step has full marks. */
  done: boolean;
}

const stepsOf = (checklist: readonly ChecklistItem[] | null): ChecklistStep[] =>
  CHECKLIST_STEPS.map((step) => ({ label: step.label, done: step.items.every((id) => checklist?.some((i) => i.id === id && i.points >= i.maxPoints) ?? false) }));

const untouched = stepsOf(null);
const made = new WeakMap<readonly ChecklistItem[], ChecklistStep[]>();

/**
 * Guided practice's steps, ticked from the rubric items the worker's session scored (the store
 * mirrors them: nothing is scored on this thread). The same array for the same checklist, so a
 * component reading it re-renders only when the checklist changed.
 */
export function checklistSteps(state: Pick<SimState, 'checklist'>): ChecklistStep[] {
  const { checklist } = state;
  if (!checklist) return untouched;
  let steps = made.get(checklist);
  if (!steps) made.set(checklist, (steps = stepsOf(checklist)));
  return steps;
}
