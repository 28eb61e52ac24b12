import type { Page } from '@playwright/test';
import type { NeedleReport, ProbeReport, Vec3 } from '../../src/automation/types';
import { add, distance, sub, unit } from './vec';

/** How far from the probe's centre, along the array toward its medial end, an in-plane needle enters (mm). */
export const IN_PLANE_ENTRY_MM = 21;

export type Reach = {
  /** Where the needle is put on the skin; default: the probe's medial end (in plane). */
  from?: Vec3;
  /** Aim again from where the needle actually met the skin, so the tip lands on the target itself (a second insertion event). */
  reaim?: boolean;
  /** Advance in steps of this many mm (each one an event, as a trainee's key presses are); default one move. */
  stepMm?: number;
  /** Stop early once a step reports this contact (e.g. 'nerve-touched'). */
  stopOn?: (report: NeedleReport) => boolean;
};

/**
 * The needle as a trainee places it, through window.sim: in plane from the probe's medial end,
 * aimed at a target, advanced to it. The one place the e2e specs do this arithmetic.
 */
export class NeedleControls {
  constructor(private readonly page: Page) {}

  /** The in-plane entry point at the probe's medial end, for the probe as it is now. */
  async inPlaneEntry(probe?: ProbeReport): Promise<Vec3> {
    const p = probe ?? (await this.page.evaluate(() => window.sim!.probe()));
    return add(p.pose.centre, p.axes.array, -IN_PLANE_ENTRY_MM);
  }

  insert(entry: Vec3, direction: Vec3): Promise<NeedleReport> {
    return this.page.evaluate((n) => window.sim!.insertNeedle(n), { entry, direction });
  }

  advance(mm: number): Promise<NeedleReport> {
    return this.page.evaluate((mm) => window.sim!.advanceNeedle(mm), mm);
  }

  /** Puts the needle on the skin at `from` (default: the probe's medial end) pointing at `target`, not advanced. */
  async aim(target: Vec3, from?: Vec3): Promise<NeedleReport> {
    const entry = from ?? (await this.inPlaneEntry());
    return this.insert(entry, unit(sub(target, entry)));
  }

  /** Inserts aimed at `target` and advances until the tip is there (or `stopOn` says stop). */
  async reach(target: Vec3, options: Reach = {}): Promise<NeedleReport> {
    let placed = await this.aim(target, options.from);
    if (options.reaim) placed = await this.insert(placed.tip, unit(sub(target, placed.tip)));
    const depth = distance(target, placed.tip);
    const step = options.stepMm ?? depth;
    let report = placed;
    for (let done = 0; done < depth - 1e-6; done += step) {
      report = await this.advance(Math.min(step, depth - done));
      if (options.stopOn?.(report)) break;
    }
    return report;
  }

  /** Withdraws the tip to the skin (the needle stays in for a redirected pass). */
  async withdraw(mm: number): Promise<NeedleReport> {
    return this.advance(-mm);
  }

  inject(ml: number) {
    return this.page.evaluate((ml) => window.sim!.inject(ml), ml);
  }

  /**
   * What the simulator answers a needle or syringe action: 'accepted', or the SimError's
   * `name code` (read in the page: a rejection crossing into Node keeps only its message).
   */
  answer(action: 'advance' | 'inject', amount: number): Promise<string> {
    return this.page.evaluate(async ({ action, amount }) => {
      try {
        await (action === 'advance' ? window.sim!.advanceNeedle(amount) : window.sim!.inject(amount));
        return 'accepted';
      } catch (e) {
        const error = e as Error & { code?: string };
        return `${error.name} ${error.code}`;
      }
    }, { action, amount });
  }

  report(): Promise<NeedleReport | null> {
    return this.page.evaluate(() => window.sim!.needle());
  }
}
