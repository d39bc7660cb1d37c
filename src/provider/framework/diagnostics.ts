/** A step in an attribute path: an attribute name, a map key or a list index. */
export type PathStep = string | number;
/** An attribute path as resource code writes it: `['credentials', 'token']`, `['settings', 'mode']`, `['items', 0]`. */
export type AttributePathInput = readonly PathStep[];

export interface FrameworkDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly summary: string;
  readonly detail?: string;
  /** Empty when the diagnostic is about the whole resource or provider. */
  readonly path: AttributePathInput;
}

/** Collects errors and warnings for one RPC; the framework converts paths with the schema when answering. */
export class Diagnostics {
  private readonly entries: FrameworkDiagnostic[] = [];

  /** Adds an error; pass `[]` as path when it is about no particular attribute. Never put secrets in the text. */
  addError(path: AttributePathInput, summary: string, detail?: string): void {
    this.entries.push({ severity: 'error', summary, detail, path });
  }

  addWarning(path: AttributePathInput, summary: string, detail?: string): void {
    this.entries.push({ severity: 'warning', summary, detail, path });
  }

  append(other: Diagnostics | readonly FrameworkDiagnostic[]): void {
    this.entries.push(...(other instanceof Diagnostics ? other.all : other));
  }

  get all(): readonly FrameworkDiagnostic[] {
    return this.entries;
  }

  get hasErrors(): boolean {
    return this.entries.some((entry) => entry.severity === 'error');
  }
}

/** Throw from resource code to report an error with a summary and an attribute path (and no stack trace). */
export class DiagnosticError extends Error {
  constructor(
    readonly summary: string,
    readonly detail?: string,
    readonly path: AttributePathInput = [],
  ) {
    super(detail ? `${summary}: ${detail}` : summary);
    this.name = 'DiagnosticError';
  }
}

/**
 * Throw from create or update when part of the work was done before the failure: Terraform records `state` (what
 * now exists) together with the error, so nothing is lost and the next apply can continue from there.
 * Note that Terraform marks an object whose *create* failed as tainted, and plans to replace it next time; a resource
 * that must resume instead should return its state with a warning rather than throw.
 */
export class PartialResultError<State = Record<string, unknown>> extends Error {
  constructor(
    readonly state: State,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'PartialResultError';
  }
}

/** Turns anything thrown by resource code into a diagnostic. */
export function diagnosticFromError(error: unknown, fallbackSummary: string): FrameworkDiagnostic {
  const cause = error instanceof PartialResultError ? error.cause : error;
  if (cause instanceof DiagnosticError) {
    return { severity: 'error', summary: cause.summary, detail: cause.detail, path: cause.path };
  }
  const detail = cause instanceof Error ? cause.message : String(cause);
  return { severity: 'error', summary: fallbackSummary, detail, path: [] };
}
