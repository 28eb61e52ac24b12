import { sha1, toHex } from './sha1';

/** The URL namespace of RFC 9562, appendix A. */
export const URL_UUID_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
/**
 * This app's own namespace for name-based UUIDs: `nameUuid('urn:cpn-hydrodissection-trainer',
 * URL_UUID_NAMESPACE)`, written out so that it never changes (ids already sent to an LRS depend on it).
 */
export const TRAINER_UUID_NAMESPACE = '079cb87e-5d32-56a2-ab88-2f765e02a1ee';

/**
 * A name-based UUID (version 5, RFC 9562): the same name always gives the same id, so exporting an
 * attempt twice gives the same xAPI statement ids and an LRS can ignore the repeat.
 */
export function nameUuid(name: string, namespace: string = TRAINER_UUID_NAMESPACE): string {
  const namespaceBytes = uuidBytes(namespace);
  const nameBytes = new TextEncoder().encode(name);
  const input = new Uint8Array(namespaceBytes.length + nameBytes.length);
  input.set(namespaceBytes);
  input.set(nameBytes, namespaceBytes.length);
  const bytes = sha1(input).slice(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122/9562 variant
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new RangeError(`"${uuid}" is not a UUID.`);
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}
