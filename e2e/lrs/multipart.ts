import { createHash } from 'node:crypto';

/** One part of a multipart/mixed body: its headers (lower-case names) and its exact bytes. */
export interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Splits a multipart/mixed body by RFC 2046: the first delimiter is `--boundary`, every later one
 * `CRLF--boundary`, the last `CRLF--boundary--`. Strict: a body that does not follow this is refused
 * (that is how an LRS would see it), so a client that glues parts together is caught here.
 */
export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const match = /boundary="?([^";]+)"?/i.exec(contentType);
  if (!match) throw new Error('multipart/mixed without a boundary');
  const boundary = match[1];
  const first = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  if (!body.subarray(0, first.length).equals(first)) throw new Error('the body does not start with its boundary');
  const parts: Part[] = [];
  let at = first.length;
  for (;;) {
    // After a delimiter: '--' closes, CRLF opens a part.
    if (body.subarray(at, at + 2).toString() === '--') return parts;
    if (body.subarray(at, at + 2).toString() !== '\r\n') throw new Error('a boundary is not followed by CRLF');
    at += 2;
    const next = body.indexOf(delimiter, at);
    if (next < 0) throw new Error('a part has no closing boundary');
    const raw = body.subarray(at, next);
    const split = raw.indexOf('\r\n\r\n');
    if (split < 0) throw new Error('a part has no blank line after its headers');
    const headers: Record<string, string> = {};
    for (const line of raw.subarray(0, split).toString('utf8').split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: raw.subarray(split + 4) });
    at = next + delimiter.length;
  }
}

/** A multipart/mixed answer: the JSON first, then each attachment with its hash. */
export function buildMultipart(json: unknown, attachments: { contentType: string; sha2: string; body: Buffer }[]): { contentType: string; body: Buffer } {
  const boundary = `lrs-double-${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(json)}`)];
  for (const a of attachments) {
    chunks.push(Buffer.from(`\r\n--${boundary}\r\nContent-Type: ${a.contentType}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${a.sha2}\r\n\r\n`), a.body);
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
