import { sha1, toHex } from './sha1';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * JSON with every object's keys sorted. Records from the live store and records parsed from a file
 * hold the same data with keys in different orders; comparing their canonical JSON compares data.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isPlainObject(inner) ? Object.fromEntries(Object.keys(inner).sort().map((key) => [key, inner[key]])) : inner,
  );
}

export const sameJsonData = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/** A short fingerprint of some JSON data (first 8 hex digits of the SHA-1 of its canonical JSON). */
export const jsonFingerprint = (value: unknown): string =>
  toHex(sha1(new TextEncoder().encode(canonicalJson(value)))).slice(0, 8);
