// Small named errors. Each keeps its cause; I/O errors are classified once, where they happen.

/** Why a fetch failed: a stable, machine-readable reason. */
export type FetchErrorKind =
  | 'blocked_address'
  | 'invalid_url'
  | 'dns'
  | 'connect'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'redirect_loop'
  | 'http_status'
  | 'bad_content_type'
  | 'protocol';

/** A failed HTTP fetch. `retryable` says whether trying again later may help. */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  readonly kind: FetchErrorKind;
  readonly status: number | null;
  readonly retryable: boolean;
  readonly url: string;
  /** Seconds the server asked us to wait (Retry-After), when it said. */
  readonly retryAfterSeconds: number | null;

  constructor(
    kind: FetchErrorKind,
    message: string,
    opts: { url: string; status?: number | null; retryable?: boolean; retryAfterSeconds?: number | null; cause?: unknown },
  ) {
    super(message, { cause: opts.cause });
    this.kind = kind;
    this.url = opts.url;
    this.status = opts.status ?? null;
    this.retryable = opts.retryable ?? false;
    this.retryAfterSeconds = opts.retryAfterSeconds ?? null;
  }
}

/** A document that could not be parsed as a feed. Never retryable: the same bytes fail the same way. */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  constructor(message: string, opts?: { cause?: unknown }) {
    super(message, { cause: opts?.cause });
  }
}

/** A feed document that is not well-formed XML: neither sax's strict nor its lenient mode read it. */
export class MalformedXmlError extends ParseError {}

/** A job given up for good (it stopped its worker process too many times, or failed every attempt): recorded on its feed or item. */
export class JobGivenUpError extends Error {
  override readonly name = 'JobGivenUpError';
}

/** A page from which no article could be extracted. */
export class ExtractError extends Error {
  override readonly name = 'ExtractError';
  constructor(message: string, opts?: { cause?: unknown }) {
    super(message, { cause: opts?.cause });
  }
}

/** An input over one of the documented limits; the message names the setting. */
export class LimitError extends Error {
  override readonly name = 'LimitError';
}

/** Invalid configuration, found once at start. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(message: string, opts?: { cause?: unknown }) {
    super(message, { cause: opts?.cause });
  }
}

/** A control signal, not a failure: the job should run again later (its host is over budget). */
export class PostponedError extends Error {
  override readonly name = 'PostponedError';
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number) {
    super(message);
    this.retryAfterMs = retryAfterMs;
  }
}

/** A referenced row that does not exist (feed id, story id). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** One line describing an error and its causes, for logs and for the feeds table. */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 4; depth++) {
    if (cur instanceof Error) {
      // drizzle's "Failed query: <sql> params: <every value>" would carry a whole feed into the log: its cause says why.
      if (cur.message.startsWith('Failed query:') && cur.cause) parts.push(`query failed (${cur.message.length} characters of query and parameters left out)`);
      else parts.push(cur instanceof FetchError ? `${cur.kind}: ${cur.message}` : cur.message || cur.name);
      cur = cur.cause;
    } else {
      parts.push(String(cur));
      break;
    }
  }
  return parts.join(' <- ').slice(0, 1000);
}
