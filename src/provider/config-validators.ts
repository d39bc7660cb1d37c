import { isSnykRegion, resolveApiUrl, SNYK_REGIONS } from '../snyk';
import { validator, Validator } from './framework';

/** A region name Snyk publishes (any letter case, as `SNYK_REGION` accepts it). */
export const snykRegion = (): Validator<string> =>
  validator('must be a Snyk region', (value) =>
    isSnykRegion(value.trim().toUpperCase()) ? undefined : `Expected one of ${Object.keys(SNYK_REGIONS).join(', ')}, got ${JSON.stringify(value)}.`,
  );

/**
 * An API root the client accepts: absolute, HTTPS unless the host is loopback, without user-info, query or fragment.
 * The message is the client's, which never repeats a user-info part (it may hold a password).
 */
export const snykApiUrl = (): Validator<string> =>
  validator('must be a Snyk API root URL', (value) => {
    try {
      resolveApiUrl({ apiUrl: value });
      return undefined;
    } catch (error) {
      return `${error instanceof Error ? error.message : String(error)}.`;
    }
  });
