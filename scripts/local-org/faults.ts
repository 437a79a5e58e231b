/**
 * Fault injection for tests: scripted or rate-based error answers per route, slow answers.
 * A rule matches a method and a path pattern; `times` answers that many matching requests,
 * `rate` a share of them (from a seeded sequence, so runs repeat).
 */
export interface FaultRule {
  /** Regular expression matched against the request path, e.g. "/composite/sobjects". */
  readonly path: string;
  readonly method?: string;
  /** HTTP status to answer with (500, 503, ...). Omit for a delay only. */
  readonly status?: number;
  /** The error code answered with the status (SERVER_UNAVAILABLE for 503, else UNKNOWN_EXCEPTION). */
  readonly errorCode?: string;
  readonly times?: number;
  readonly rate?: number;
  readonly delayMs?: number;
}

export interface FaultAnswer {
  readonly status?: number;
  readonly errorCode?: string;
  readonly delayMs: number;
}

export class Faults {
  private rules: Array<FaultRule & { remaining: number; pattern: RegExp }> = [];
  private seed = 1;

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, remaining: rule.times ?? Infinity, pattern: new RegExp(rule.path) });
  }

  clear(): void {
    this.rules = [];
  }

  /** What to do with a request, if any rule applies. */
  match(method: string, path: string): FaultAnswer | null {
    for (const rule of this.rules) {
      if (rule.remaining <= 0) continue;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!rule.pattern.test(path)) continue;
      if (rule.rate !== undefined && this.next() >= rule.rate) continue;
      rule.remaining--;
      return {
        ...(rule.status ? { status: rule.status } : {}),
        ...(rule.errorCode ? { errorCode: rule.errorCode } : {}),
        delayMs: rule.delayMs ?? 0,
      };
    }
    return null;
  }

  private next(): number {
    this.seed = (this.seed * 16807) % 2147483647;
    return (this.seed - 1) / 2147483646;
  }
}
