/** What scoring an attempt gives: the total, every item with its reason, the safety events. */

import type { StructureName } from '../anatomy/namedStructure';
import type { Message } from '../message';

export type ScoreGroup = 'scan' | 'needle' | 'spread' | 'verify';

export interface ScoreItem {
  id: string;
  group: ScoreGroup;
  /** What the item rewards, as scoring.md words it. */
  title: string;
  points: number;
  maxPoints: number;
  /** One line: why these points (figures included), shown in the debrief in the UI's language. */
  reason: Message;
  /** What to do next time, when points were lost; null at full marks. */
  advice: Message | null;
}

export type SafetyEventKind =
  | 'nerve-touched'
  | 'needle-in-nerve'
  | 'other-nerve-paraesthesia'
  | 'high-pressure-injection'
  | 'intraneural-injection'
  | 'vessel-punctured'
  | 'intravascular-injection'
  | 'bone-struck'
  | 'over-10-ml'
  | 'entrapment-site-missed'
  | 'injection-tip-not-visible';

export interface SafetyEvent {
  kind: SafetyEventKind;
  tMs: number;
  /** Points taken off (positive number), 0 when the effect is only a cap. */
  penalty: number;
  /** The total is capped at this (critical events), else null. */
  capTo: number | null;
  critical: boolean;
  /** One line: what happened (with its figures), its effect on the total, and why it matters. */
  description: Message;
  /** Which structure: the nerve touched, the vessel punctured, the bone struck. Absent for events about no one structure, and in results stored before events named it. */
  structure?: StructureName;
}

export interface AttemptResult {
  total: number;
  /** Sum of item points before penalties and caps. */
  itemPoints: number;
  items: ScoreItem[];
  /** In time order. */
  safetyEvents: SafetyEvent[];
  /** The lowest cap applied, if any. */
  cappedAt: number | null;
}
