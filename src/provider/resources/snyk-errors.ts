import { SnykApiError } from '../../snyk';

export { isNotFound } from '../../snyk';

/** True for the answers Snyk gives when a delete is refused because something still depends on the object. */
export function isRefusedDelete(error: unknown): error is SnykApiError {
  return error instanceof SnykApiError && (error.status === 400 || error.status === 409 || error.status === 422);
}

/** True for a Snyk answer with one of `statuses` (where Snyk's status for a refusal is a guess among several). */
export function hasStatusIn(error: unknown, statuses: ReadonlySet<number>): error is SnykApiError {
  return error instanceof SnykApiError && error.status !== undefined && statuses.has(error.status);
}
