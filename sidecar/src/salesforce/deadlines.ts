/**
 * Deadlines for every org request, and whether the org answers. jsforce waits 30 minutes for an
 * answer by default; the sidecar's Connection sends every HTTP request (REST, composite, Bulk 2.0,
 * the token grant on renewal) through a transport that gives it `requestTimeoutMs` instead, and
 * a request past it fails with an error that says so, without an errorCode, as a network error
 * does, so the existing retry paths take it. The change stream's long polls are not HTTP requests
 * of the Connection and keep their own timing.
 *
 * Each answer and failure is reported to a RequestWatch: the org counts as unreachable after a
 * timeout or UNREACHABLE_AFTER consecutive failures (no answer, or a 5xx) of one kind of request
 * (queries, composite, Bulk 2.0 jobs, ...: one path failing while others answer counts), and as
 * reachable again at the next answer. jsforce retries a GET that answered 5xx or no answer by
 * itself (up to 5 times over 15 s, unseen by the caller): each retried attempt counts as a failure.
 */
import type { Connection } from 'jsforce';

/** Consecutive failed requests (no answer or a 5xx) after which the org counts as unreachable. */
export const UNREACHABLE_AFTER = 3;

export type Reachability = { readonly reachable: true } | { readonly reachable: false; readonly problem: string };

export class RequestWatch {
  /** Consecutive failures by kind of request (see kindOf). */
  private readonly failures = new Map<string, number>();
  private down: string | null = null;
  private readonly listeners = new Set<(state: Reachability) => void>();
  private readonly answerListeners = new Set<() => void>();

  /** Called at each change between reachable and not (and when the problem text changes). */
  onChange(listener: (state: Reachability) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called at every answer of the org (the idle heartbeat counts from the latest). */
  onAnswer(listener: () => void): () => void {
    this.answerListeners.add(listener);
    return () => this.answerListeners.delete(listener);
  }

  get state(): Reachability {
    return this.down === null ? { reachable: true } : { reachable: false, problem: this.down };
  }

  answered(kind = ''): void {
    this.failures.delete(kind);
    for (const listener of this.answerListeners) listener();
    if (this.down === null) return;
    this.down = null;
    this.emit();
  }

  failed(problem: string, timedOut: boolean, kind = ''): void {
    const failures = (this.failures.get(kind) ?? 0) + 1;
    this.failures.set(kind, failures);
    if (!timedOut && failures < UNREACHABLE_AFTER) return;
    const text = timedOut ? problem : `${failures} requests in a row failed, the latest: ${problem}`;
    if (this.down === text) return;
    this.down = text;
    this.emit();
  }

  private emit(): void {
    const state = this.state;
    for (const listener of this.listeners) listener(state);
  }
}

/** The error of a request that outlived its deadline: no errorCode, so it is retried like a network error. */
export class RequestTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(what: string, ms: number) {
    super(`no answer from the org within ${ms / 1000} s (STANCE_REQUEST_TIMEOUT_S): ${what}`);
    this.name = 'RequestTimeoutError';
  }
}

type HttpRequest = { method: string; url: string };
type StreamPromiseLike = Promise<{ statusCode: number }> & { stream(): unknown };
interface Transport {
  httpRequest(request: HttpRequest, options?: Record<string, unknown>): StreamPromiseLike;
}

const watches = new WeakMap<Connection, RequestWatch>();

/** The watch of a Connection (a new one for a Connection made elsewhere, e.g. in a test). */
export function requestWatchOf(conn: Connection): RequestWatch {
  let watch = watches.get(conn);
  if (!watch) {
    watch = new RequestWatch();
    watches.set(conn, watch);
  }
  return watch;
}

/** `GET /services/data/v62.0/query`: method and path, without the query string (it may hold record data). */
function describe(request: HttpRequest): string {
  let path = request.url;
  try {
    path = new URL(request.url).pathname;
  } catch {
    path = request.url.split('?')[0] ?? '';
  }
  return `${request.method} ${path}`;
}

/**
 * The kind of a request, for counting consecutive failures: the resource after the API version
 * (`query` for query, queryAll and their next pages; `composite`; `jobs` for Bulk 2.0; `sobjects`;
 * the resource list), or the path's first segments outside the data API (the token grant).
 */
export function kindOf(request: HttpRequest): string {
  const path = describe(request).split(' ')[1] ?? '';
  const data = /^\/services\/data\/v[\d.]+\/?([^/]*)/.exec(path);
  if (data) return data[1]!.startsWith('query') ? 'query' : data[1]!;
  return path.split('/').slice(0, 3).join('/');
}

/** Gives every request of the Connection a deadline and reports each outcome to its watch. */
export function installDeadlines(conn: Connection, timeoutMs: number): RequestWatch {
  const watch = requestWatchOf(conn);
  const transport = (conn as unknown as { _transport: Transport })._transport;
  const send = transport.httpRequest.bind(transport);
  transport.httpRequest = (request, options = {}) => {
    // jsforce aborts the fetch at `timeout` (its own retries included) and answers an AbortError.
    const sent = send(request, { ...options, timeout: timeoutMs });
    const kind = kindOf(request);
    // jsforce emits `retry` on the request's stream before it sends again an attempt that failed.
    (sent.stream() as { on?: (event: string, listener: () => void) => void }).on?.('retry', () =>
      watch.failed(`${describe(request)} failed and is being retried (5xx or no answer)`, false, kind),
    );
    const settled = sent.then(
      (response) => {
        if (response.statusCode >= 500)
          watch.failed(`${describe(request)} answered ${response.statusCode}`, false, kind);
        else watch.answered(kind);
        return response;
      },
      (error: Error) => {
        const timedOut = error.name === 'AbortError' || /Request Timeout/.test(error.message);
        const failure = timedOut ? new RequestTimeoutError(describe(request), timeoutMs) : error;
        // Told by /readyz to anyone: the method, path and error code only (a network error's
        // message carries the whole URL, and a query's URL can carry record ids).
        const code = (error as { code?: string }).code ?? error.name;
        watch.failed(timedOut ? failure.message : `${describe(request)} failed: ${code}`, timedOut, kind);
        throw failure;
      },
    ) as StreamPromiseLike;
    settled.stream = () => sent.stream();
    return settled;
  };
  return watch;
}
