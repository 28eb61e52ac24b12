import { useSimStore, type SimState } from './store';
import { getWorkerClient } from './workerClient';
import { imageRate } from './rateMeter';
import { clockMs } from './attemptSlice';
import { imageGeometry } from '../core/imaging/imageGeometry';
import { needleTip, NEEDLE_OUTER_DIAMETER_MM } from '../core/needle/needle';
import type { ProbePose } from '../core/probe/pose';
import { samePose, sameNeedle } from './sameValue';

/** The frame on screen, with the version of the inputs it shows. */
export interface DisplayedFrame {
  version: number;
  width: number;
  height: number;
  widthMm: number;
  depthMm: number;
  pixels: Uint8Array;
  computeMs: number;
  /** The pose the frame was formed for. */
  pose: ProbePose;
}

type FrameListener = (frame: DisplayedFrame) => void;

/** Frames a second while nothing moves: enough to show the pulse, cheap for the worker. */
const LIVE_FRAMES_PER_SECOND_AT_REST = 12;
/** While the plunger is held the injectate grows every moment: image at a scanner's full rate. */
const LIVE_FRAMES_PER_SECOND_INJECTING = 40;

/**
 * Keeps the ultrasound image in step with the probe and the settings: one request in flight at
 * a time, the newest inputs sent when it returns (frames are never queued behind a fast drag).
 * Frames reach the canvas through a listener, not through React state.
 */
class ImagePipeline {
  private version = 0;
  private inFlight = false;
  private latest: DisplayedFrame | null = null;
  private drawnVersion = -1;
  private readonly listeners = new Set<FrameListener>();
  private readonly waiters: { version: number; resolve: (f: DisplayedFrame) => void; reject: (e: Error) => void }[] = [];

  start(): void {
    useSimStore.subscribe(
      (s: SimState) => [s.probe?.pose, s.imaging, s.buildStatus, s.generation, s.needle, s.fluidVersion] as const,
      () => this.inputsChanged(),
      // By value for the pose and the needle: the worker's answer to each event mirrors its own
      // copies of both, and taking those for a change sent a second frame after every setProbe
      // (pose → new frame waited for two frames, one after the other).
      { equalityFn: (a, b) => samePose(a[0], b[0]) && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && sameNeedle(a[4], b[4]) && a[5] === b[5] },
    );
    this.inputsChanged();
    // A live scanner keeps imaging while the probe rests: the arteries pulse.
    let lastLiveMs = 0;
    setInterval(() => {
      const state = useSimStore.getState();
      if (state.imaging.mode !== 'b-mode' || document.visibilityState !== 'visible') return;
      const now = clockMs();
      const rate = state.injecting ? LIVE_FRAMES_PER_SECOND_INJECTING : LIVE_FRAMES_PER_SECOND_AT_REST;
      if (now - lastLiveMs < 1000 / rate - 2) return;
      lastLiveMs = now;
      // A new version: the frame drawn next shows the fluid as it is now.
      if (state.injecting) this.version++;
      void this.pump();
    }, 1000 / LIVE_FRAMES_PER_SECOND_INJECTING);
  }

  /** The frame on screen now (null before the first). */
  get latestFrame(): DisplayedFrame | null {
    return this.latest;
  }

  get currentVersion(): number {
    return this.version;
  }

  onFrame(listener: FrameListener): () => void {
    this.listeners.add(listener);
    if (this.latest) listener(this.latest);
    return () => this.listeners.delete(listener);
  }

  /** The canvas reports what it has put on screen. */
  markDrawn(frame: DisplayedFrame): void {
    this.drawnVersion = Math.max(this.drawnVersion, frame.version);
    imageRate.mark(clockMs(), frame.computeMs);
    for (const w of [...this.waiters]) {
      if (frame.version >= w.version) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(frame);
      }
    }
  }

  /** Resolves once a frame showing every change made so far is on screen. */
  whenCurrent(): Promise<DisplayedFrame> {
    const version = this.version;
    if (this.latest && this.drawnVersion >= version) return Promise.resolve(this.latest);
    return new Promise((resolve, reject) => this.waiters.push({ version, resolve, reject }));
  }

  private inputsChanged(): void {
    this.version++;
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.inFlight) return;
    const state = useSimStore.getState();
    const pose = state.probe?.pose;
    if (state.buildStatus !== 'ready' || !pose) return;
    const version = this.version;
    this.inFlight = true;
    try {
      const timeSeconds = (clockMs() - state.attemptStartedAtMs) / 1000;
      const needle = state.needle && state.needle.insertedMm > 0 ? { entry: state.needle.entry, tip: needleTip(state.needle), diameterMm: NEEDLE_OUTER_DIAMETER_MM } : null;
      const result = await getWorkerClient().renderFrame(pose, state.imaging, timeSeconds, needle);
      const geometry = imageGeometry(state.imaging.depthMm);
      // Newest wins: a frame older than the one shown is never drawn (one is in flight at a time,
      // so this only guards a frame answered after a worker restart resent an older one).
      if (!this.latest || version >= this.latest.version) {
        this.latest = { version, ...result, widthMm: geometry.widthMm, depthMm: geometry.depthMm, pose };
        for (const l of this.listeners) l(this.latest);
      }
    } catch (error) {
      for (const w of this.waiters.splice(0)) w.reject(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.inFlight = false;
    }
    // While the plunger is held, frames follow each other back to back, as on a scanner.
    if (useSimStore.getState().injecting && this.version === version) this.version++;
    if (this.version !== version) void this.pump();
  }
}

export const imagePipeline = new ImagePipeline();
