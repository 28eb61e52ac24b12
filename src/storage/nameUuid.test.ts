import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameUuid, TRAINER_UUID_NAMESPACE, URL_UUID_NAMESPACE } from './nameUuid';
import { sha1, toHex } from './sha1';

describe('sha1', () => {
  it("matches Node's SHA-1 for any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(toHex(sha1(bytes))).toBe(createHash('sha1').update(bytes).digest('hex'));
      }),
    );
  });
});

describe('nameUuid', () => {
  it('gives the RFC 9562 version 5 UUID', () => {
    // The RFC's own example: "www.example.com" in the DNS namespace.
    expect(nameUuid('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(nameUuid('urn:cpn-hydrodissection-trainer', URL_UUID_NAMESPACE)).toBe(TRAINER_UUID_NAMESPACE);
  });
});
