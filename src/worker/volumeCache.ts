import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AnatomyParameters } from '../core/anatomy/parameters';
import type { LabelVolume } from '../core/anatomy/voxelise';
import { canonicalJson } from '../storage/canonicalJson';
import { sha1, toHex } from '../storage/sha1';
import { decodeVolume, encodeVolume, type StoredVolume } from './volumeCodec';

/**
 * The knee's label volume per case, kept in IndexedDB so that a second visit to a case skips
 * voxelising it (the longest step of a start). A record is found by its case's anatomy parameters
 * and the code that built it: a new build of the app, or a change to how voxels are made or
 * stored, never reads an older volume. The cache only ever speeds a start up: whatever goes
 * wrong with it (no IndexedDB, a damaged or foreign record, a full disk) the volume is built as
 * if nothing had been stored. The most recently used MAX_ENTRIES cases are kept.
 */
export interface VolumeCache {
  /** The stored volume of these parameters, or null (none, another build's, or damaged). */
  load(parameters: AnatomyParameters): Promise<LabelVolume | null>;
  /** Stores the volume built for these parameters, dropping the least recently used beyond the limit. */
  save(parameters: AnatomyParameters, volume: LabelVolume): Promise<void>;
}

export const VOLUME_DB_NAME = 'cpn-trainer-volumes';
const VOLUME_DB_VERSION = 1;
/** A case is ~3 MiB stored: a handful is a few MiB of the user's disk. */
export const MAX_ENTRIES = 3;
/**
 * Bump when voxelising changes in a way the build's hash would not show (it always does in a
 * production build; this covers a development build, whose worker URL has no hash).
 */
export const VOXEL_CODE_VERSION = 1;

interface VolumeRecord {
  key: string;
  codeVersion: string;
  /** The parameters' canonical JSON: a key collision or a hand-edited record cannot pass as another case. */
  parameters: string;
  usedAt: number;
  volume: StoredVolume;
}

interface VolumeDb extends DBSchema {
  volumes: { key: string; value: VolumeRecord; indexes: { 'by-used': number } };
}

/** The record key of a case's volume built by this code. */
export function volumeKey(parameters: AnatomyParameters, codeVersion: string): string {
  return toHex(sha1(new TextEncoder().encode(`${codeVersion}\n${canonicalJson(parameters)}`)));
}

/**
 * The code version of a worker bundle: its file name's content hash (Vite names the production
 * worker `simulationWorker-<hash>.js`), with VOXEL_CODE_VERSION; null for an unhashed (development)
 * bundle, where a stale volume could outlive an edit: no cache there.
 */
export function codeVersionOf(workerUrl: string): string | null {
  const hash = /-([A-Za-z0-9_-]{8,})\.js(?:[?#].*)?$/.exec(workerUrl)?.[1];
  return hash ? `${VOXEL_CODE_VERSION}:${hash}` : null;
}

export interface VolumeCacheOptions {
  codeVersion: string;
  dbName?: string;
  maxEntries?: number;
  /** Orders use (a clock, or any increasing count). */
  now?: () => number;
}

export function createVolumeCache(options: VolumeCacheOptions): VolumeCache {
  const maxEntries = options.maxEntries ?? MAX_ENTRIES;
  const now = options.now ?? (() => Date.now());
  let dbPromise: Promise<IDBPDatabase<VolumeDb>> | null = null;
  const db = (): Promise<IDBPDatabase<VolumeDb>> => {
    dbPromise ??= openDB<VolumeDb>(options.dbName ?? VOLUME_DB_NAME, VOLUME_DB_VERSION, {
      upgrade(database) {
        if (!database.objectStoreNames.contains('volumes')) database.createObjectStore('volumes', { keyPath: 'key' }).createIndex('by-used', 'usedAt');
      },
    });
    // A failed open is retried on the next use rather than remembered.
    dbPromise.catch(() => (dbPromise = null));
    return dbPromise;
  };

  return {
    async load(parameters) {
      try {
        const key = volumeKey(parameters, options.codeVersion);
        const database = await db();
        const record = await database.get('volumes', key);
        if (!record) return null;
        const volume = record.codeVersion === options.codeVersion && record.parameters === canonicalJson(parameters) ? decodeVolume(record.volume) : null;
        if (!volume) {
          // Damaged or foreign: drop it, so the fresh build's save replaces it.
          await database.delete('volumes', key).catch(() => undefined);
          return null;
        }
        await database.put('volumes', { ...record, usedAt: now() }).catch(() => undefined);
        return volume;
      } catch {
        return null;
      }
    },
    async save(parameters, volume) {
      try {
        const database = await db();
        const key = volumeKey(parameters, options.codeVersion);
        const tx = database.transaction('volumes', 'readwrite');
        await tx.store.put({ key, codeVersion: options.codeVersion, parameters: canonicalJson(parameters), usedAt: now(), volume: encodeVolume(volume) });
        // Least recently used first: everything past the newest maxEntries goes.
        const keys = await tx.store.index('by-used').getAllKeys();
        for (const old of keys.slice(0, Math.max(0, keys.length - maxEntries))) await tx.store.delete(old);
        await tx.done;
      } catch {
        // A cache that cannot be written only means the next visit builds again.
      }
    },
  };
}
