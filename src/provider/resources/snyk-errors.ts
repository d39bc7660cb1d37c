import { SnykApiError } from '../../snyk';

/** True for a 404: the object is gone already (or what holds it is). */
export function isNotFound(error: unknown): error is SnykApiError {
  return error instanceof SnykApiError && error.status === 404;
}

/** True for the answers Snyk gives when a delete is refused because something still depends on the object. */
export function isRefusedDelete(error: unknown): error is SnykApiError {
  return error instanceof SnykApiError && (error.status === 400 || error.status === 409 || error.status === 422);
}
