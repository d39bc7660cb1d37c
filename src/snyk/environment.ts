import { DEFAULT_SNYK_REGION, isSnykRegion, resolveApiUrl, SNYK_REGIONS } from './regions';

export const ENV_TOKEN = 'SNYK_TOKEN';
export const ENV_REGION = 'SNYK_REGION';
export const ENV_API_URL = 'SNYK_API_URL';

/** Where and as whom to call Snyk, after explicit settings and the environment are merged. */
export interface ConnectionSettings {
  readonly token: string;
  readonly region: string;
  /** The API root serving `/v1` and `/rest`. */
  readonly apiUrl: string;
}

export type ConnectionSetting = 'token' | 'region' | 'apiUrl';

/** A problem with one connection setting, with what to do about it (never the setting's value when it is the token). */
export class ConnectionSettingsError extends Error {
  constructor(
    readonly setting: ConnectionSetting,
    readonly summary: string,
    readonly detail: string,
  ) {
    super(`${summary}: ${detail}`);
    this.name = 'ConnectionSettingsError';
  }
}

function firstSet(...values: Array<string | null | undefined>): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value.trim() !== '')?.trim();
}

/**
 * Merges explicit settings with `SNYK_TOKEN`, `SNYK_REGION` and `SNYK_API_URL`; explicit settings win. The API URL
 * overrides the region; with neither, SNYK-US-01.
 */
export function resolveConnectionSettings(
  explicit: { token?: string | null; region?: string | null; apiUrl?: string | null },
  env: NodeJS.ProcessEnv = process.env,
): ConnectionSettings {
  const token = firstSet(explicit.token, env[ENV_TOKEN]);
  if (!token) {
    throw new ConnectionSettingsError(
      'token',
      'No Snyk API token',
      `Set the ${ENV_TOKEN} environment variable (or the provider's \`token\` argument) to a Snyk API key or service-account token.`,
    );
  }
  const region = (firstSet(explicit.region, env[ENV_REGION]) ?? DEFAULT_SNYK_REGION).toUpperCase();
  if (!isSnykRegion(region)) {
    throw new ConnectionSettingsError(
      'region',
      'Unknown Snyk region',
      `"${region}" is not a Snyk region. Accepted: ${Object.keys(SNYK_REGIONS).join(', ')} (or set the API URL with ${ENV_API_URL}).`,
    );
  }
  try {
    return { token, region, apiUrl: resolveApiUrl({ region, apiUrl: firstSet(explicit.apiUrl, env[ENV_API_URL]) }) };
  } catch (error) {
    throw new ConnectionSettingsError('apiUrl', 'Invalid Snyk API URL', error instanceof Error ? error.message : String(error));
  }
}
