import { redactJson } from "./redact.ts";

/** Bodies larger than this are kept as their first characters only. */
export const MAX_LOGGED_BODY_CHARS = 16 * 1024;
export const DEFAULT_REQUEST_LOG_SIZE = 1000;

/** A body as logged: the JSON value, or the start of its text when it was too long or not JSON. */
export type LoggedBody = { json: unknown } | { text: string; truncated: boolean } | null;

export interface RequestLogEntry {
  /** Increases by one per logged request; `after` filters on it. */
  seq: number;
  requestId: string;
  time: string;
  method: string;
  path: string;
  query: string;
  notionVersion: string | null;
  integration: { id: string; name: string } | null;
  /** The bot user of an integration, or the person behind a personal token; null before authentication. */
  userId: string | null;
  /** Null when the connection was dropped before any response. */
  status: number | null;
  durationMs: number;
  requestHeaders: Record<string, string>;
  requestBody: CapturedBody;
  responseBody: CapturedBody;
  /** The harness fault that answered, if any. */
  fault: string | null;
}

export function logBody(value: unknown): LoggedBody {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "string") {
    if (value.length <= MAX_LOGGED_BODY_CHARS) {
      try {
        return { json: redactJson(JSON.parse(value)) };
      } catch {
        // Not JSON (an HTML error page, say): kept as text.
      }
    }
    const text = redactJson(value.slice(0, MAX_LOGGED_BODY_CHARS)) as string;
    return { text, truncated: value.length > MAX_LOGGED_BODY_CHARS };
  }
  if (Buffer.isBuffer(value)) return logBody(value.toString("utf8"));
  const text = JSON.stringify(value);
  return text.length <= MAX_LOGGED_BODY_CHARS ? { json: redactJson(value) } : logBody(text);
}

/**
 * A body as captured. Parsing and redacting cost more than the rest of the capture together, so a small
 * body is kept as it came and turned into its logged form the first time it is read (then forgotten);
 * a large one is cut and redacted at once, so the log's memory stays bounded. Either way nothing leaves
 * the log unredacted.
 */
export class CapturedBody {
  private raw: unknown;
  private resolved: LoggedBody | undefined;

  constructor(raw: unknown, size: number) {
    if (size > MAX_LOGGED_BODY_CHARS) this.resolved = logBody(raw);
    else this.raw = raw;
  }

  get logged(): LoggedBody {
    if (this.resolved === undefined) {
      this.resolved = logBody(this.raw);
      this.raw = undefined;
    }
    return this.resolved;
  }
}

export const NO_BODY = new CapturedBody(undefined, 0);

export interface RequestLogFilter {
  method?: string | undefined;
  /** A path prefix, or a glob (`*` one segment, `**` anything) when it contains `*`. */
  path?: RegExp | string | undefined;
  /** An exact status, or a class such as 4 for 4xx. */
  status?: { exact: number } | { class: number } | undefined;
  /** An integration id or name, or a user id. */
  integration?: string | undefined;
  afterSeq?: number | undefined;
  since?: Date | undefined;
  limit: number;
}

type Listener = (entry: RequestLogEntry) => void;

/** The most recent requests in a ring buffer: memory stays bounded however long the server runs. */
export class RequestLog {
  private readonly ring: (RequestLogEntry | undefined)[];
  private next = 0;
  private count = 0;
  private lastSeq = 0;
  private readonly listeners = new Set<Listener>();

  constructor(readonly capacity: number = DEFAULT_REQUEST_LOG_SIZE) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`Invalid request log size: ${capacity}`);
    this.ring = new Array<RequestLogEntry | undefined>(capacity);
  }

  get latestSeq(): number {
    return this.lastSeq;
  }

  add(entry: Omit<RequestLogEntry, "seq">): RequestLogEntry {
    const logged = { ...entry, seq: ++this.lastSeq };
    this.ring[this.next] = logged;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
    for (const listener of this.listeners) listener(logged);
    return logged;
  }

  /** Oldest first. */
  entries(): RequestLogEntry[] {
    const out: RequestLogEntry[] = [];
    const start = (this.next - this.count + this.capacity) % this.capacity;
    for (let i = 0; i < this.count; i++) {
      const entry = this.ring[(start + i) % this.capacity];
      if (entry) out.push(entry);
    }
    return out;
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.count = 0;
  }

  /** Matching entries, oldest first: the first `limit` after `afterSeq`, else the latest `limit`. */
  find(filter: RequestLogFilter): RequestLogEntry[] {
    const matches = this.entries().filter((entry) => matchesFilter(entry, filter));
    if (filter.afterSeq !== undefined) return matches.slice(0, filter.limit);
    return matches.slice(Math.max(0, matches.length - filter.limit));
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function matchesFilter(entry: RequestLogEntry, filter: RequestLogFilter): boolean {
  if (filter.afterSeq !== undefined && entry.seq <= filter.afterSeq) return false;
  if (filter.method && entry.method !== filter.method) return false;
  if (typeof filter.path === "string" && !entry.path.startsWith(filter.path)) return false;
  if (filter.path instanceof RegExp && !filter.path.test(entry.path)) return false;
  if (filter.status) {
    if (entry.status === null) return false;
    if ("exact" in filter.status && entry.status !== filter.status.exact) return false;
    if ("class" in filter.status && Math.floor(entry.status / 100) !== filter.status.class) return false;
  }
  if (filter.integration) {
    const who = filter.integration;
    const integration = entry.integration;
    if (integration?.id !== who && integration?.name !== who && entry.userId !== who) return false;
  }
  if (filter.since && Date.parse(entry.time) < filter.since.getTime()) return false;
  return true;
}
