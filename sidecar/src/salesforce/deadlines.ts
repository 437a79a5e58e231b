/**
 * Deadlines for every org request, and whether the org answers. jsforce waits 30 minutes for an
 * answer by default; the sidecar's Connection sends every HTTP request (REST, composite, Bulk 2.0,
 * the token grant on renewal) through a transport that gives it `requestTimeoutMs` instead, and
 * a request past it fails with an error that says so, without an errorCode, as a network error
 * does, so the existing retry paths take it. The change stream's long polls are not HTTP requests
 * of the Connection and keep their own timing.
 *
 * Each answer and failure is reported to a RequestWatch: the org counts as unreachable after a
 * timeout or UNREACHABLE_AFTER consecutive failures (no answer, or a 5xx), and as reachable
 * again at the next answer.
 */
import type { Connection } from 'jsforce';

/** Consecutive failed requests (no answer or a 5xx) after which the org counts as unreachable. */
export const UNREACHABLE_AFTER = 3;

export type Reachability = { readonly reachable: true } | { readonly reachable: false; readonly problem: string };

export class RequestWatch {
  private failures = 0;
  private down: string | null = null;
  private readonly listeners = new Set<(state: Reachability) => void>();

  /** Called at each change between reachable and not (and when the problem text changes). */
  onChange(listener: (state: Reachability) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get state(): Reachability {
    return this.down === null ? { reachable: true } : { reachable: false, problem: this.down };
  }

  answered(): void {
    this.failures = 0;
    if (this.down === null) return;
    this.down = null;
    this.emit();
  }

  failed(problem: string, timedOut: boolean): void {
    this.failures++;
    if (!timedOut && this.failures < UNREACHABLE_AFTER) return;
    const text = timedOut ? problem : `${this.failures} requests in a row failed, the latest: ${problem}`;
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

/** Gives every request of the Connection a deadline and reports each outcome to its watch. */
export function installDeadlines(conn: Connection, timeoutMs: number): RequestWatch {
  const watch = requestWatchOf(conn);
  const transport = (conn as unknown as { _transport: Transport })._transport;
  const send = transport.httpRequest.bind(transport);
  transport.httpRequest = (request, options = {}) => {
    // jsforce aborts the fetch at `timeout` (its own retries included) and answers an AbortError.
    const sent = send(request, { ...options, timeout: timeoutMs });
    const settled = sent.then(
      (response) => {
        if (response.statusCode >= 500) watch.failed(`${describe(request)} answered ${response.statusCode}`, false);
        else watch.answered();
        return response;
      },
      (error: Error) => {
        const timedOut = error.name === 'AbortError' || /Request Timeout/.test(error.message);
        const failure = timedOut ? new RequestTimeoutError(describe(request), timeoutMs) : error;
        // Told by /readyz to anyone: the method, path and error code only (a network error's
        // message carries the whole URL, and a query's URL can carry record ids).
        const code = (error as { code?: string }).code ?? error.name;
        watch.failed(timedOut ? failure.message : `${describe(request)} failed: ${code}`, timedOut);
        throw failure;
      },
    ) as StreamPromiseLike;
    settled.stream = () => sent.stream();
    return settled;
  };
  return watch;
}
