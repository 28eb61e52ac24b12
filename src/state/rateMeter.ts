/** Counts events over the last second: image frames drawn, 3D frames rendered. */
export class RateMeter {
  private readonly times: number[] = [];
  private readonly durations: number[] = [];

  mark(nowMs: number, durationMs = 0): void {
    this.times.push(nowMs);
    this.durations.push(durationMs);
    this.trim(nowMs);
  }

  perSecond(nowMs: number): number {
    this.trim(nowMs);
    return this.times.length;
  }

  meanDurationMs(nowMs: number): number {
    this.trim(nowMs);
    if (this.durations.length === 0) return 0;
    return this.durations.reduce((a, b) => a + b, 0) / this.durations.length;
  }

  private trim(nowMs: number): void {
    while (this.times.length > 0 && nowMs - this.times[0] > 1000) {
      this.times.shift();
      this.durations.shift();
    }
  }
}

export const imageRate = new RateMeter();
export const sceneRate = new RateMeter();
/** 3D frames that drew store changes, each with how long the oldest change it drew waited (ms). */
export const sceneLatency = new RateMeter();
