/** What a fault does to a matching call. */
export type FaultResponse =
  | { status: 429 | 500 | 502 | 503 | 504; retryAfterSeconds?: number }
  | { delayMs: number }
  | { drop: true };

/** A fault to inject into matching calls; see {@link EmulatorOptions.faults}. */
export interface FaultRule {
  /** 'POST'...; any method when absent. */
  method?: string;
  /**
   * A pattern over the path without query: '*' matches one segment, '**' any number;
   * e.g. '/v1/org/*\/integrations/*\/authentication/switch-token'. Any path when absent.
   */
  path?: string;
  respond: FaultResponse;
  /** The next N matching calls (default: unlimited when `fraction` is set, else 1). */
  times?: number;
  /** Or this fraction (0..1) of matching calls. */
  fraction?: number;
  /**
   * 'before' (default): the fault replaces the call, which never happens. 'after': the call is carried out (state
   * changed and persisted) and the fault replaces or delays its answer: "Snyk did it but the answer was lost".
   */
  when?: 'before' | 'after';
}

/** A fault that fired for one call. */
export interface FiredFault {
  respond: FaultResponse;
  when: 'before' | 'after';
}

const FAULT_STATUSES = new Set([429, 500, 502, 503, 504]);

interface ActiveFault {
  rule: FaultRule;
  remaining: number;
  matchesPath: (path: string) => boolean;
}

/** The fault rules in force, in the order they were added; the first one that fires wins. */
export class FaultInjector {
  private active: ActiveFault[] = [];
  private readonly random: () => number;

  constructor(seed: number | undefined) {
    this.random = seededRandom(seed ?? Math.floor(Math.random() * 2 ** 32));
  }

  add(rule: FaultRule): void {
    const problem = faultRuleProblem(rule);
    if (problem !== undefined) {
      throw new Error(`invalid fault rule: ${problem}`);
    }
    const remaining = rule.times ?? (rule.fraction === undefined ? 1 : Number.POSITIVE_INFINITY);
    this.active.push({ rule: structuredClone(rule), remaining, matchesPath: pathMatcher(rule.path) });
  }

  clear(): void {
    this.active = [];
  }

  /** The fault to apply to this call, if any; using it counts against the rule's `times`. */
  take(method: string, path: string): FiredFault | undefined {
    for (const fault of this.active) {
      if (!this.fires(fault, method, path)) {
        continue;
      }
      fault.remaining -= 1;
      if (fault.remaining <= 0) {
        this.active = this.active.filter((candidate) => candidate !== fault);
      }
      return { respond: fault.rule.respond, when: fault.rule.when ?? 'before' };
    }
    return undefined;
  }

  private fires(fault: ActiveFault, method: string, path: string): boolean {
    const { rule } = fault;
    if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) {
      return false;
    }
    if (!fault.matchesPath(path)) {
      return false;
    }
    return rule.fraction === undefined || this.random() < rule.fraction;
  }
}

/** Describes what is wrong with a fault rule received as JSON, or undefined when it is valid. */
export function faultRuleProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) {
    return 'a fault rule must be an object';
  }
  const rule = value as Record<string, unknown>;
  if (rule.method !== undefined && typeof rule.method !== 'string') {
    return '"method" must be a string';
  }
  if (rule.path !== undefined && (typeof rule.path !== 'string' || !rule.path.startsWith('/'))) {
    return '"path" must be a string starting with /';
  }
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && (rule.times as number) > 0)) {
    return '"times" must be a positive integer';
  }
  if (rule.fraction !== undefined && !(typeof rule.fraction === 'number' && rule.fraction >= 0 && rule.fraction <= 1)) {
    return '"fraction" must be a number from 0 to 1';
  }
  if (rule.when !== undefined && rule.when !== 'before' && rule.when !== 'after') {
    return '"when" must be "before" or "after"';
  }
  return responseProblem(rule.respond);
}

function responseProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) {
    return '"respond" must be an object';
  }
  const respond = value as Record<string, unknown>;
  if ('status' in respond) {
    if (!FAULT_STATUSES.has(respond.status as number)) {
      return '"respond.status" must be one of 429, 500, 502, 503, 504';
    }
    const retryAfter = respond.retryAfterSeconds;
    return retryAfter === undefined || (Number.isInteger(retryAfter) && (retryAfter as number) >= 0)
      ? undefined
      : '"respond.retryAfterSeconds" must be a non-negative integer';
  }
  if ('delayMs' in respond) {
    return typeof respond.delayMs === 'number' && respond.delayMs >= 0 ? undefined : '"respond.delayMs" must be a non-negative number';
  }
  return respond.drop === true ? undefined : '"respond" must have "status", "delayMs" or "drop": true';
}

/** Compiles a path pattern ('*' one segment, '**' any number of segments) into a matcher. */
export function pathMatcher(pattern: string | undefined): (path: string) => boolean {
  if (pattern === undefined) {
    return () => true;
  }
  const patternSegments = splitPath(pattern);
  return (path) => segmentsMatch(patternSegments, splitPath(path));
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function segmentsMatch(pattern: string[], path: string[]): boolean {
  if (pattern.length === 0) {
    return path.length === 0;
  }
  const [head, ...rest] = pattern;
  if (head === '**') {
    return path.some((_, index) => segmentsMatch(rest, path.slice(index))) || segmentsMatch(rest, []);
  }
  if (path.length === 0) {
    return false;
  }
  return (head === '*' || head === path[0]) && segmentsMatch(rest, path.slice(1));
}

/** mulberry32: a small, fast PRNG, good enough to make `fraction` faults repeatable under a seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
