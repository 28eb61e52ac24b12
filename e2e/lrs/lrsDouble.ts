import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { buildMultipart, parseMultipart, sha256 } from './multipart';

// Learning Locker's published validator (CommonJS): every statement a client sends goes through it.
const validateStatement = (() => {
  const mod = createRequire(import.meta.url)('xapi-validation') as { default: (statement: unknown) => unknown[] };
  return mod.default;
})();

type Json = Record<string, unknown>;
interface StoredStatement {
  statement: Json;
  /** Attachments by sha2, exact bytes. */
  attachments: Map<string, { contentType: string; body: Buffer }>;
}
export interface RequestLog {
  method: string;
  path: string;
  status: number;
  /** Statement ids a POST carried (accepted or not). */
  ids: string[];
}

/** A key of the State API: agent, activity, registration, state id. */
const stateKey = (q: URLSearchParams) => JSON.stringify([agentKey(JSON.parse(q.get('agent') ?? 'null')), q.get('activityId'), q.get('registration') ?? '', q.get('stateId')]);
function agentKey(agent: unknown): string {
  const a = (agent ?? {}) as Json;
  if (typeof a.mbox === 'string') return a.mbox;
  const account = a.account as Json | undefined;
  if (account) return `${String(account.homePage)}|${String(account.name)}`;
  return JSON.stringify(a);
}

/** Same statement by the xAPI comparison: everything but what the LRS adds (stored, authority, version). */
function comparable(statement: Json): string {
  const { stored: _s, authority: _a, version: _v, ...rest } = statement;
  void _s;
  void _a;
  void _v;
  const sort = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(sort) : value && typeof value === 'object' ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sort((value as Json)[k])])) : value;
  return JSON.stringify(sort(rest));
}

/**
 * An LRS test double that refuses what a conformant LRS (xAPI 1.0.3) would: statements checked by
 * xapi-validation, the X-Experience-API-Version header, Basic auth, multipart/mixed attachments
 * whose bytes must match their SHA-256, 409 on an id that holds another statement, and `more`
 * paging (small pages so clients must follow it). It also plays the LMS side of a cmi5 launch:
 * the fetch URL (one token per launch, once), LMS.LaunchData in the State API.
 */
export class LrsDouble {
  readonly statements: StoredStatement[] = [];
  readonly log: RequestLog[] = [];
  /** How many times each statement id was accepted in a POST (exactly once is what the app promises). */
  readonly accepted = new Map<string, number>();
  private readonly byId = new Map<string, StoredStatement>();
  private readonly accounts = new Map<string, string>();
  private readonly tokens = new Set<string>();
  private readonly fetchKeys = new Map<string, { token: string; used: boolean }>();
  private readonly states = new Map<string, { contentType: string; body: Buffer }>();
  private readonly pages = new Map<string, { results: Json[]; withAttachments: boolean }>();
  private lastStored = 0;
  private server: Server | null = null;
  /** Answer the next n statement POSTs with this status (a flaky or locked-out LRS). */
  failStatementPosts: { status: number; times: number } | null = null;
  pageSize = 2;
  origin = '';

  constructor(accounts: Record<string, string> = {}) {
    for (const [user, password] of Object.entries(accounts)) this.accounts.set(user, password);
  }

  get endpoint(): string {
    return `${this.origin}/xapi/`;
  }

  setPassword(user: string, password: string): void {
    this.accounts.set(user, password);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The LMS side of a cmi5 launch: a registration, LMS.LaunchData, a one-time fetch URL. */
  prepareCmi5Launch(options: { actor: Json; activityId: string; masteryScore?: number; launchMode?: 'Normal' | 'Browse' | 'Review' }): Record<string, string> {
    const registration = randomUUID();
    const key = randomUUID();
    this.fetchKeys.set(key, { token: Buffer.from(`cmi5-${randomUUID()}:`).toString('base64'), used: false });
    const launchData = {
      contextTemplate: { contextActivities: { grouping: [{ id: options.activityId }] }, extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': randomUUID() } },
      launchMode: options.launchMode ?? 'Normal',
      moveOn: 'CompletedAndPassed',
      ...(options.masteryScore !== undefined ? { masteryScore: options.masteryScore } : {}),
    };
    const q = new URLSearchParams({ agent: JSON.stringify(options.actor), activityId: options.activityId, registration, stateId: 'LMS.LaunchData' });
    this.states.set(stateKey(q), { contentType: 'application/json', body: Buffer.from(JSON.stringify(launchData)) });
    return { endpoint: this.endpoint, fetch: `${this.origin}/cmi5/fetch/${key}`, actor: JSON.stringify(options.actor), registration, activityId: options.activityId };
  }

  /** Statements stored, newest last, as JSON. */
  statementList(): Json[] {
    return this.statements.map((s) => s.statement);
  }

  private cors(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, DELETE, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match');
    res.setHeader('Access-Control-Expose-Headers', 'X-Experience-API-Version, X-Experience-API-Consistent-Through, ETag, Content-Type');
    res.setHeader('X-Experience-API-Version', '1.0.3');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const entry: RequestLog = { method: req.method ?? '', path: url.pathname, status: 0, ids: [] };
    this.log.push(entry);
    const send = (status: number, body?: unknown, type = 'application/json') => {
      entry.status = status;
      res.statusCode = status;
      if (body === undefined) return void res.end();
      res.setHeader('Content-Type', type);
      res.end(Buffer.isBuffer(body) ? body : typeof body === 'string' ? body : JSON.stringify(body));
    };
    this.cors(req, res);
    if (req.method === 'OPTIONS') return send(204);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    try {
      if (url.pathname.startsWith('/cmi5/fetch/') && req.method === 'POST') return send(200, this.cmi5Fetch(url.pathname.slice('/cmi5/fetch/'.length)));
      if (!url.pathname.startsWith('/xapi/')) return send(404, { error: 'not found' });
      const resource = url.pathname.slice('/xapi/'.length);
      if (resource === 'about' && req.method === 'GET') return send(200, { version: ['1.0.3'] });
      const version = req.headers['x-experience-api-version'];
      if (typeof version !== 'string' || !/^1\.0(\.\d+)?$/.test(version)) return send(400, { error: 'X-Experience-API-Version header missing or not 1.0.x' });
      if (!this.authorised(req.headers.authorization)) return send(401, { error: 'unauthorised' });
      if (resource === 'statements' && req.method === 'POST') return this.postStatements(req, body, entry, send);
      if (resource === 'statements' && req.method === 'GET') return this.getStatements(url.searchParams, send, res);
      if (resource.startsWith('statements/more/') && req.method === 'GET') return this.more(resource.slice('statements/more/'.length), send, res);
      if (resource === 'activities/state') return this.state(req.method ?? '', url.searchParams, req.headers['content-type'] ?? 'application/octet-stream', body, send);
      if (resource === 'agents/profile' && req.method === 'GET') return send(404, { error: 'no profile' });
      return send(405, { error: `${req.method} ${resource} is not supported by the double` });
    } catch (error) {
      return send(400, { error: error instanceof Error ? error.message : String(error) });
    }
  }

  private authorised(header: string | undefined): boolean {
    if (!header?.startsWith('Basic ')) return false;
    const token = header.slice('Basic '.length);
    if (this.tokens.has(token)) return true;
    const [user, ...rest] = Buffer.from(token, 'base64').toString('utf8').split(':');
    return this.accounts.has(user) && this.accounts.get(user) === rest.join(':');
  }

  private cmi5Fetch(key: string): Json {
    const launch = this.fetchKeys.get(key);
    if (!launch) return { 'error-code': '3', 'error-text': 'unknown launch' };
    // cmi5: the fetch URL hands its token out once; a second call is an error.
    if (launch.used) return { 'error-code': '1', 'error-text': 'already in use' };
    launch.used = true;
    this.tokens.add(launch.token);
    return { 'auth-token': launch.token };
  }

  private postStatements(req: IncomingMessage, body: Buffer, entry: RequestLog, send: (status: number, body?: unknown) => void): void {
    const type = req.headers['content-type'] ?? '';
    let statements: Json[];
    const parts = new Map<string, { contentType: string; body: Buffer }>();
    if (type.startsWith('multipart/mixed')) {
      const [first, ...rest] = parseMultipart(body, type);
      if (!first || !(first.headers['content-type'] ?? '').startsWith('application/json')) throw new Error('the first part must be the statements as application/json');
      statements = [JSON.parse(first.body.toString('utf8'))].flat();
      for (const part of rest) {
        const claimed = part.headers['x-experience-api-hash'];
        if (!claimed) throw new Error('an attachment part has no X-Experience-API-Hash');
        if (sha256(part.body) !== claimed.toLowerCase()) throw new Error(`an attachment's bytes do not match its X-Experience-API-Hash ${claimed}`);
        parts.set(claimed.toLowerCase(), { contentType: part.headers['content-type'] ?? '', body: part.body });
      }
    } else if (type.startsWith('application/json')) {
      statements = [JSON.parse(body.toString('utf8'))].flat();
    } else throw new Error(`unsupported Content-Type ${type}`);
    entry.ids = statements.map((s) => String(s.id ?? ''));
    if (this.failStatementPosts && this.failStatementPosts.times > 0) {
      this.failStatementPosts.times -= 1;
      return send(this.failStatementPosts.status, { error: 'failing on purpose' });
    }
    const batchIds = new Set<string>();
    for (const statement of statements) {
      const warnings = validateStatement(statement);
      if (warnings.length > 0) throw new Error(`invalid statement ${String(statement.id)}: ${JSON.stringify(warnings).slice(0, 400)}`);
      for (const a of (statement.attachments as Json[] | undefined) ?? []) {
        if (!a.fileUrl && !parts.has(String(a.sha2).toLowerCase())) throw new Error(`statement ${String(statement.id)} declares an attachment ${String(a.sha2)} that was not sent`);
        const part = parts.get(String(a.sha2).toLowerCase());
        if (part && part.body.length !== a.length) throw new Error(`attachment ${String(a.sha2)} is ${part.body.length} bytes, the statement says ${String(a.length)}`);
      }
      if (typeof statement.id === 'string') {
        if (batchIds.has(statement.id)) throw new Error(`statement id ${statement.id} twice in one batch`);
        batchIds.add(statement.id);
        const held = this.byId.get(statement.id);
        if (held && comparable(held.statement) !== comparable(statement)) return send(409, { error: `statement ${statement.id} exists with other content` });
      }
    }
    const ids: string[] = [];
    for (const statement of statements) {
      const id = typeof statement.id === 'string' ? statement.id : randomUUID();
      ids.push(id);
      if (this.byId.has(id)) continue; // the same statement again: kept once
      this.lastStored = Math.max(Date.now(), this.lastStored + 1);
      const stored: StoredStatement = {
        statement: { ...statement, id, stored: new Date(this.lastStored).toISOString(), authority: { objectType: 'Agent', name: 'LRS double', mbox: 'mailto:lrs@double.example' }, version: '1.0.3' },
        attachments: new Map(((statement.attachments as Json[] | undefined) ?? []).flatMap((a) => (parts.has(String(a.sha2).toLowerCase()) ? [[String(a.sha2).toLowerCase(), parts.get(String(a.sha2).toLowerCase())!]] : []))),
      };
      this.byId.set(id, stored);
      this.statements.push(stored);
      this.accepted.set(id, (this.accepted.get(id) ?? 0) + 1);
    }
    send(200, ids);
  }

  private matches(s: Json, q: URLSearchParams): boolean {
    const activity = q.get('activity');
    if (activity) {
      const object = s.object as Json;
      const context = (s.context as Json | undefined)?.contextActivities as Record<string, Json[] | Json> | undefined;
      const related = q.get('related_activities') === 'true' && context && Object.values(context).flat().some((a) => (a as Json).id === activity);
      if (object.id !== activity && !related) return false;
    }
    if (q.get('verb') && (s.verb as Json).id !== q.get('verb')) return false;
    if (q.get('registration') && (s.context as Json | undefined)?.registration !== q.get('registration')) return false;
    if (q.get('agent') && agentKey(s.actor) !== agentKey(JSON.parse(q.get('agent')!))) return false;
    if (q.get('since') && !(String(s.stored) > new Date(q.get('since')!).toISOString())) return false;
    if (q.get('until') && !(String(s.stored) <= new Date(q.get('until')!).toISOString())) return false;
    return true;
  }

  private getStatements(q: URLSearchParams, send: (status: number, body?: unknown, type?: string) => void, res: ServerResponse): void {
    if (q.get('statementId')) {
      const held = this.byId.get(q.get('statementId')!);
      return held ? send(200, held.statement) : send(404, { error: 'no such statement' });
    }
    let results = this.statements.map((s) => s.statement).filter((s) => this.matches(s, q));
    if (q.get('ascending') !== 'true') results = results.reverse();
    const limit = Number(q.get('limit') ?? 0);
    const size = limit > 0 ? Math.min(limit, this.pageSize) : this.pageSize;
    const token = randomUUID();
    this.pages.set(token, { results, withAttachments: q.get('attachments') === 'true' });
    this.page(token, 0, size, send, res);
  }

  private more(path: string, send: (status: number, body?: unknown, type?: string) => void, res: ServerResponse): void {
    const [token, offset, size] = path.split('/');
    if (!this.pages.has(token)) return send(404, { error: 'this more link has expired' });
    this.page(token, Number(offset), Number(size), send, res);
  }

  private page(token: string, offset: number, size: number, send: (status: number, body?: unknown, type?: string) => void, res: ServerResponse): void {
    const { results, withAttachments } = this.pages.get(token)!;
    const statements = results.slice(offset, offset + size);
    const more = offset + size < results.length ? `/xapi/statements/more/${token}/${offset + size}/${size}` : '';
    res.setHeader('X-Experience-API-Consistent-Through', new Date(this.lastStored || Date.now()).toISOString());
    if (!withAttachments) return send(200, { statements, more });
    const attachments = statements.flatMap((s) => [...(this.byId.get(String(s.id))?.attachments.entries() ?? [])].map(([sha2, a]) => ({ sha2, ...a })));
    const multipart = buildMultipart({ statements, more }, attachments);
    send(200, multipart.body, multipart.contentType);
  }

  private state(method: string, q: URLSearchParams, type: string, body: Buffer, send: (status: number, body?: unknown, type?: string) => void): void {
    for (const name of ['activityId', 'agent', 'stateId']) if (!q.get(name)) throw new Error(`the State API needs ${name}`);
    const key = stateKey(q);
    if (method === 'GET') {
      const held = this.states.get(key);
      return held ? send(200, held.body, held.contentType) : send(404, { error: 'no such state' });
    }
    if (method === 'PUT' || method === 'POST') {
      this.states.set(key, { contentType: type, body });
      return send(204);
    }
    if (method === 'DELETE') {
      this.states.delete(key);
      return send(204);
    }
    send(405, { error: 'method' });
  }
}
