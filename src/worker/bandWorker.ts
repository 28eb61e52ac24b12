/// <reference lib="webworker" />
import '../storage/jitless';
import { KneeAnatomy } from '../core/anatomy/knee';
import { BModeImager } from '../core/ultrasound/bmode';
import type { BandWorkerConnect, FromBandWorker, ToBandWorker } from './bandProtocol';

/**
 * An image band worker: forms the scan lines [lineFrom, lineTo) of a frame the simulation worker
 * asks for, with its own copy of the knee (sent once per case), and hands the band back
 * transferred. It holds nothing else between frames.
 */
const scope = self as DedicatedWorkerGlobalScope;
let patient: { key: string; imager: BModeImager } | null = null;

function answer(port: MessagePort, request: ToBandWorker): void {
  if (request.kind === 'patient') {
    patient = { key: request.key, imager: new BModeImager(new KneeAnatomy(request.parameters), request.volume) };
    return;
  }
  let reply: FromBandWorker;
  try {
    if (patient?.key !== request.patientKey) throw new Error(`Band worker has no knee '${request.patientKey}'.`);
    const start = performance.now();
    const band = new Uint8Array((request.lineTo - request.lineFrom) * request.samples);
    patient.imager.formLines(request.pose, request.settings, { needle: request.needle }, request.samples, request.lineFrom, request.lineTo, band);
    reply = { frameId: request.frameId, ok: true, lineFrom: request.lineFrom, lineTo: request.lineTo, data: band.buffer, computeMs: performance.now() - start };
  } catch (error) {
    reply = { frameId: request.frameId, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply, reply.ok ? [reply.data] : []);
}

scope.onmessage = (event: MessageEvent<BandWorkerConnect>) => {
  if (event.data.kind !== 'connect') return;
  const port = event.data.port;
  port.onmessage = (message: MessageEvent<ToBandWorker>) => answer(port, message.data);
};
