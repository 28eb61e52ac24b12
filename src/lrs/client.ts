import type XAPI from '@xapi/xapi';
import type { About, Statement, StatementsResponse } from '@xapi/xapi';

/** The library's adapter hook (its type is not exported from the package root). */
type AdapterFunction = Exclude<NonNullable<ConstructorParameters<typeof XAPI>[0]['adapter']>, string>;

/** Where statements go and how the trainer proves who it is there. Kept in this browser only. */
export interface LrsTarget {
  /** The xAPI endpoint, ending in '/' (e.g. https://lrs.example.org/xapi/). */
  endpoint: string;
  /** The Authorization header value ('Basic …'). Never logged, never exported. */
  auth: string;
}

/** An LRS answered with an HTTP error (status kept so that 401/403/409 can be told apart). */
export class LrsHttpError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`The LRS answered ${status}${detail ? `: ${detail.slice(0, 200)}` : ''}`);
    this.name = 'LrsHttpError';
  }
}

/** The LRS could not be reached at all (offline, DNS, CORS, a CSP refusal). */
export class LrsUnreachableError extends Error {
  constructor(cause: unknown) {
    super(`The LRS could not be reached (${cause instanceof Error ? cause.message : String(cause)}).`, { cause });
    this.name = 'LrsUnreachableError';
  }
}

export const isAuthProblem = (error: unknown): boolean => error instanceof LrsHttpError && (error.status === 401 || error.status === 403);

/**
 * @xapi/xapi's own fetch adapter throws away the status; this one keeps it (and the library still
 * parses multipart/mixed answers). Blob bodies (multipart statements) go as they are.
 */
const fetchWithStatus: AdapterFunction = async ({ url, method, data, headers }) => {
  const hdrs = { ...(headers ?? {}) } as Record<string, string>;
  const body = data === undefined ? undefined : hdrs['Content-Type'] === 'application/json' && typeof data !== 'string' ? JSON.stringify(data) : (data as BodyInit);
  let response: Response;
  try {
    response = await fetch(url, { method, body, headers: hdrs, credentials: 'omit', cache: 'no-store' });
  } catch (error) {
    throw new LrsUnreachableError(error);
  }
  const text = await response.text();
  if (!response.ok) throw new LrsHttpError(response.status, text);
  let parsed: unknown = text;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('application/json') && text) parsed = JSON.parse(text);
  return { data: parsed as never, headers: Object.fromEntries(response.headers.entries()), status: response.status };
};

/** `Basic base64(user:password)`, UTF-8 safe. */
export function basicAuth(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

export function normaliseEndpoint(endpoint: string): string {
  const url = new URL(endpoint.trim());
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('The LRS endpoint must be an http(s) URL.');
  if (url.username || url.password) throw new Error('Put the LRS user name and password in their own fields, not in the URL.');
  url.hash = '';
  url.search = '';
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** The xAPI client, loaded on first use so the library stays out of the first-load bundle. */
export async function lrsClient(target: LrsTarget): Promise<XAPI> {
  const { default: XAPIClass } = await import('@xapi/xapi');
  return new XAPIClass({ endpoint: target.endpoint, auth: target.auth, version: '1.0.3', adapter: fetchWithStatus });
}

/** Reads `/about`: the LRS's xAPI versions, proving the endpoint and the credentials. */
export async function testConnection(target: LrsTarget): Promise<About> {
  const client = await lrsClient(target);
  // /about needs no auth by the spec; a statements read with limit=1 proves the credentials too.
  const about = (await client.getAbout()).data;
  await client.getStatements({ limit: 1 });
  return about;
}

/** Posts statements (with their attachments as multipart/mixed when any has one). */
export async function postStatements(target: LrsTarget, statements: Statement[], attachments: string[]): Promise<string[]> {
  const client = await lrsClient(target);
  const buffers = attachments.map((text) => new TextEncoder().encode(text).buffer as ArrayBuffer);
  // @xapi/xapi pairs the n-th attachment part with the n-th entry of the batch's attachments
  // list, which counts a statement without attachments as an empty entry: statements that carry
  // attachments go first so that the pairing holds (the outbox sends one attachment per batch).
  const ordered = [...statements.filter((s) => s.attachments?.length), ...statements.filter((s) => !s.attachments?.length)];
  return (await client.sendStatements({ statements: buffers.length ? ordered : statements, ...(buffers.length ? { attachments: buffers } : {}) })).data;
}

/** One page of a statements query: the statements, the raw attachments (by order) and the `more` link. */
export interface StatementsPage {
  statements: Statement[];
  attachments: unknown[];
  more: string;
}

/** Statements about an activity (its own or as context), stored after `since`, with attachments. */
export async function queryStatements(
  target: LrsTarget,
  query: { activity: string; verb?: string; since?: string; more?: string; limit?: number },
): Promise<StatementsPage> {
  const client = await lrsClient(target);
  const response = query.more
    ? await client.getMoreStatements({ more: query.more })
    : await client.getStatements({
        activity: query.activity,
        related_activities: true,
        attachments: true,
        ascending: true,
        ...(query.verb ? { verb: query.verb } : {}),
        ...(query.since ? { since: query.since } : {}),
        ...(query.limit ? { limit: query.limit } : {}),
      });
  const data = response.data as StatementsResponse | unknown[];
  if (Array.isArray(data)) {
    const [first, ...attachments] = data as [StatementsResponse, ...unknown[]];
    return { statements: first.statements, attachments, more: first.more ?? '' };
  }
  return { statements: data.statements, attachments: [], more: data.more ?? '' };
}
