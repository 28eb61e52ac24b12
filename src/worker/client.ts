import { SimError } from '../core/simError';
import { startSimulationWorker, takePrestartedWorker } from './prestart';
import { message } from '../core/message';
import type { AttemptEvent, AttemptMode } from '../core/attempt/events';
import type { ProbePose } from '../core/probe/pose';
import type { NeedleSegment } from '../core/ultrasound/echoField';
import type { AttemptFacts } from '../core/attempt/facts';
import type { BuildResult, ChecklistItem, FluidState, ImagingSettings, RequestKind, RequestMessage, Requests, Responses, SessionId, WorkerMessage } from './protocol';

export type { BuildResult };

export interface WorkerFrame {
  width: number;
  height: number;
  pixels: Uint8Array;
  computeMs: number;
}

/** The part of a Worker the client uses (a fake one runs the host in-process for tests in Node). */
export interface WorkerLike {
  postMessage<K extends RequestKind>(message: RequestMessage<K>, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: { data: WorkerMessage }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

export type WorkerFactory = () => WorkerLike;

export type RecoveryReason = 'crashed' | 'hung' | 'killed';

/**
 * How long a request may wait with the worker silent before it is taken for hung. Any message
 * from the worker (an answer, build progress) shows it alive; a long build reports progress.
 */
export const WATCHDOG_MS: Record<RequestKind, number> = {
  build: 120_000,
  open: 60_000,
  event: 20_000,
  seek: 20_000,
  mode: 60_000,
  facts: 20_000,
  // A banded frame waits on the image workers, whose first frame of a case builds their knee first.
  frame: 60_000,
  show: 20_000,
  close: 20_000,
  fault: 20_000,
  bands: 20_000,
  point: 20_000,
  section: 20_000,
};

/** A request that keeps killing the worker is refused after this many tries. */
const MAX_TRIES = 3;

interface Pending<K extends RequestKind = RequestKind> {
  kind: K;
  body: Requests[K];
  tries: number;
  sentAtMs: number;
  /** Order sent to the current worker: it answers in this order, so the lowest is the one it works on. */
  sendSeq: number;
  settle: (answer: Partial<Responses>) => void;
  reject: (error: Error) => void;
  onProgress?: (fraction: number) => void;
}

const defaultFactory: WorkerFactory = () => {
  const worker = takePrestartedWorker() ?? startSimulationWorker();
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer),
    terminate: () => worker.terminate(),
    set onmessage(listener: ((event: { data: WorkerMessage }) => void) | null) {
      worker.onmessage = listener;
    },
    get onmessage() {
      return null;
    },
    set onerror(listener: ((event: { message?: string }) => void) | null) {
      worker.onerror = listener
        ? (event) => {
            event.preventDefault();
            listener({ message: event.message });
          }
        : null;
    },
    get onerror() {
      return null;
    },
  };
};

/**
 * Typed, supervised access to the simulation worker. Every request has a watchdog; when the
 * worker crashes or hangs the client terminates it, starts a new one, rebuilds each session from
 * the events it had answered, and sends again only the requests it had not answered — so an event
 * the trainee saw applied is neither lost nor applied twice.
 */
export class SimulationWorkerClient {
  private worker: WorkerLike;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Each session's log as the worker has answered it: what a new worker is rebuilt from. */
  private readonly sessions = new Map<SessionId, { mode: AttemptMode; events: AttemptEvent[] }>();
  private shown: SessionId = 'live';
  private lastMessageMs: number;
  private readonly fluidListeners = new Set<(fluid: FluidState, session: SessionId) => void>();
  private readonly recoveryListeners = new Set<(reason: RecoveryReason) => void>();
  private readonly checklistListeners = new Set<(checklist: ChecklistItem[]) => void>();
  private readonly watchdog: ReturnType<typeof setInterval>;
  restarts = 0;
  private sendSeq = 0;
  /** Starts the image band workers afresh and gives their ports (bandPool.ts); null: no pool. */
  private connectBands: (() => MessagePort[]) | null = null;

  constructor(
    private readonly factory: WorkerFactory = defaultFactory,
    private readonly clock: () => number = () => performance.now(),
    watchdogIntervalMs = 1000,
  ) {
    this.lastMessageMs = clock();
    this.worker = this.start();
    this.watchdog = setInterval(() => this.checkWatchdog(), watchdogIntervalMs);
  }

  /** Sends one request; resolves with its own answer or rejects with its own error. */
  call<K extends RequestKind>(kind: K, body: Requests[K], onProgress?: (fraction: number) => void): Promise<Responses[K]> {
    return new Promise<Responses[K]>((resolve, reject) => {
      const id = this.nextId++;
      const settle = (answer: Partial<Responses>) => {
        const value = answer[kind];
        if (value === undefined) reject(new Error(`The simulation worker answered a '${kind}' request with something else.`));
        else {
          this.afterAnswer[kind]?.(body);
          resolve(value);
        }
      };
      const entry: Pending<K> = { kind, body, tries: 1, sentAtMs: this.clock(), sendSeq: 0, settle, reject, onProgress };
      this.pending.set(id, entry);
      this.post(id, entry);
    });
  }

  /** A frame of the session the image shows. */
  async renderFrame(pose: ProbePose, imaging: ImagingSettings, timeSeconds: number, needle: NeedleSegment | null): Promise<WorkerFrame> {
    const frame = await this.call('frame', { pose, imaging, timeSeconds, needle });
    return { width: frame.width, height: frame.height, pixels: new Uint8Array(frame.pixels), computeMs: frame.computeMs };
  }

  /** The live attempt's facts so far. */
  facts(): Promise<AttemptFacts | null> {
    return this.call('facts', { session: 'live' });
  }

  /** The fluid the worker redraws on its own after throttled injection steps. */
  onFluid(listener: (fluid: FluidState, session: SessionId) => void): () => void {
    this.fluidListeners.add(listener);
    return () => this.fluidListeners.delete(listener);
  }

  /** Guided practice's checklist, re-scored by the worker while a view is held with no event (the live session's). */
  onChecklist(listener: (checklist: ChecklistItem[]) => void): () => void {
    this.checklistListeners.add(listener);
    return () => this.checklistListeners.delete(listener);
  }

  /** Told after the worker was restarted and its sessions rebuilt (the trainee is told too). */
  onRecovered(listener: (reason: RecoveryReason) => void): () => void {
    this.recoveryListeners.add(listener);
    return () => this.recoveryListeners.delete(listener);
  }

  /**
   * Frames are formed by image band workers: `connect` starts them (again after a restart: a new
   * simulation worker gets a new pool, so a hung band worker goes with it) and gives their ports.
   */
  attachBands(connect: () => MessagePort[]): void {
    this.connectBands = connect;
    this.sendBands(this.worker);
  }

  private sendBands(worker: WorkerLike): void {
    if (!this.connectBands) return;
    const ports = this.connectBands();
    // Id 0: nothing waits on its answer; it is sent before any request, so every frame finds the pool.
    worker.postMessage({ id: 0, kind: 'bands', body: { ports } }, ports);
  }

  /** Fault hook for tests: the worker dies at once, mid-request, as a killed process would. */
  killWorker(): void {
    this.recover('killed');
  }

  /** Fault hook for tests: the worker throws outside any request (its error event). */
  crashWorker(): void {
    void this.call('fault', { kind: 'crash' });
  }

  dispose(): void {
    clearInterval(this.watchdog);
    this.worker.terminate();
  }

  private start(): WorkerLike {
    const worker = this.factory();
    worker.onmessage = (event) => {
      if (this.worker === worker) this.receive(event.data);
    };
    worker.onerror = () => {
      if (this.worker === worker) this.recover('crashed');
    };
    this.sendBands(worker);
    return worker;
  }

  private post(id: number, entry: Pending): void {
    entry.sendSeq = this.sendSeq++;
    entry.sentAtMs = this.clock();
    this.worker.postMessage({ id, kind: entry.kind, body: entry.body }, []);
  }

  private receive(message: WorkerMessage): void {
    this.lastMessageMs = this.clock();
    if ('push' in message) {
      if (!this.sessions.has(message.session)) return;
      if (message.push === 'fluid') for (const l of this.fluidListeners) l(message.fluid, message.session);
      else for (const l of this.checklistListeners) l(message.checklist);
      return;
    }
    const entry = this.pending.get(message.id);
    if (!entry) return;
    if ('progress' in message) {
      entry.onProgress?.(message.progress);
      return;
    }
    this.pending.delete(message.id);
    if (message.ok) entry.settle(message.answer);
    else entry.reject(new SimError(message.error.code, message.error.said));
  }

  /** Keeps each session's answered log, so a new worker can be brought to the same state. */
  private readonly afterAnswer: { [K in RequestKind]?: (body: Requests[K]) => void } = {
    open: (body) => this.sessions.set(body.session, { mode: body.mode, events: [...body.events] }),
    event: (body) => this.sessions.get(body.session)?.events.push(body.event),
    mode: (body) => {
      const log = this.sessions.get(body.session);
      if (log) log.mode = body.mode;
    },
    show: (body) => {
      this.shown = body.session;
    },
    close: (body) => {
      this.sessions.delete(body.session);
      if (this.shown === body.session) this.shown = 'live';
    },
  };

  /** The worker works through its requests in order: only the one it is on can be overdue. */
  private checkWatchdog(): void {
    let head: Pending | null = null;
    for (const entry of this.pending.values()) if (!head || entry.sendSeq < head.sendSeq) head = entry;
    if (head && this.clock() - Math.max(head.sentAtMs, this.lastMessageMs) > WATCHDOG_MS[head.kind]) this.recover('hung');
  }

  private recover(reason: RecoveryReason): void {
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
    this.restarts++;
    this.worker = this.start();
    this.lastMessageMs = this.clock();
    // Rebuild every session from what was answered, then send again only what was not.
    const restore = (entry: Pending) => {
      const id = this.nextId++;
      this.pending.set(id, entry);
      this.post(id, entry);
    };
    const resent = [...this.pending];
    this.pending.clear();
    const ignore = () => undefined;
    for (const [session, log] of this.sessions) restore({ kind: 'open', body: { session, mode: log.mode, events: [...log.events] }, tries: 1, sentAtMs: 0, sendSeq: 0, settle: ignore, reject: ignore });
    if (this.shown !== 'live') restore({ kind: 'show', body: { session: this.shown }, tries: 1, sentAtMs: 0, sendSeq: 0, settle: ignore, reject: ignore });
    for (const [id, entry] of resent) {
      if (entry.kind === 'fault' || entry.tries >= MAX_TRIES) {
        entry.reject(new SimError('not-ready', message('error.worker.stopped', { reason, kind: entry.kind })));
        continue;
      }
      entry.tries++;
      this.pending.set(id, entry);
      this.post(id, entry);
    }
    for (const l of this.recoveryListeners) l(reason);
  }
}
