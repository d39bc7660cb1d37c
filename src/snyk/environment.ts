import { AuthScheme, SnykCredential } from './auth';
import { DEFAULT_SNYK_REGION, isGovernmentApiUrl, isSnykRegion, resolveApiUrl, SNYK_REGIONS, SnykRegion } from './regions';

export const ENV_TOKEN = 'SNYK_TOKEN';
export const ENV_OAUTH_TOKEN = 'SNYK_OAUTH_TOKEN';
export const ENV_REGION = 'SNYK_REGION';
export const ENV_API_URL = 'SNYK_API_URL';

/** Where and as whom to call Snyk, after explicit settings and the environment are merged. */
export interface ConnectionSettings {
  readonly credential: SnykCredential;
  /** The region setting (SNYK-US-01 when none); an explicit API URL overrides it. */
  readonly region: SnykRegion;
  /** The API root serving `/v1` and `/rest`. */
  readonly apiUrl: string;
}

export type ConnectionSetting = 'token' | 'oauthToken' | 'region' | 'apiUrl';

/** What the caller set explicitly (null or undefined: not set; the environment may fill it). */
export interface ExplicitConnectionSettings {
  readonly token?: string | null;
  readonly oauthToken?: string | null;
  readonly region?: string | null;
  readonly apiUrl?: string | null;
}

/** A problem with one connection setting, with what to do about it (never the setting's value when it is a secret). */
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

const isSet = (value: string | null | undefined): boolean => firstSet(value) !== undefined;

/** The problem with setting both an API key and an OAuth token explicitly, if they are. */
export function bothCredentialsProblem(explicit: ExplicitConnectionSettings): ConnectionSettingsError | undefined {
  if (!isSet(explicit.token) || !isSet(explicit.oauthToken)) {
    return undefined;
  }
  return new ConnectionSettingsError(
    'oauthToken',
    'Both token and oauth_token are set',
    'Set either `token` (a Snyk API key, sent as `Authorization: token`) or `oauth_token` (an OAuth access token, sent as ' +
      '`Authorization: bearer`), not both.',
  );
}

/**
 * The credential: an explicit setting wins over the environment; of the two environment variables, SNYK_OAUTH_TOKEN
 * wins over SNYK_TOKEN, as in Snyk's CLI.
 */
function resolveCredential(explicit: ExplicitConnectionSettings, env: NodeJS.ProcessEnv): SnykCredential {
  const both = bothCredentialsProblem(explicit);
  if (both) {
    throw both;
  }
  const candidates: Array<[AuthScheme, string | null | undefined]> = [
    ['bearer', explicit.oauthToken],
    ['token', explicit.token],
    ['bearer', env[ENV_OAUTH_TOKEN]],
    ['token', env[ENV_TOKEN]],
  ];
  const found = candidates.find(([, value]) => isSet(value));
  if (!found) {
    throw new ConnectionSettingsError(
      'token',
      'No Snyk API token',
      `Set the ${ENV_TOKEN} environment variable (or the provider's \`token\` argument) to a Snyk API key or service-account token, ` +
        `or ${ENV_OAUTH_TOKEN} (\`oauth_token\`) to an OAuth access token.`,
    );
  }
  return { scheme: found[0], value: firstSet(found[1]) as string };
}

/**
 * Merges explicit settings with `SNYK_TOKEN`, `SNYK_OAUTH_TOKEN`, `SNYK_REGION` and `SNYK_API_URL`; explicit settings
 * win. The API URL overrides the region; with neither, SNYK-US-01. An API key aimed at Snyk for Government is refused:
 * API keys do not exist there.
 */
export function resolveConnectionSettings(explicit: ExplicitConnectionSettings, env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  const credential = resolveCredential(explicit, env);
  const region = (firstSet(explicit.region, env[ENV_REGION]) ?? DEFAULT_SNYK_REGION).toUpperCase();
  if (!isSnykRegion(region)) {
    throw new ConnectionSettingsError(
      'region',
      'Unknown Snyk region',
      `"${region}" is not a Snyk region. Accepted: ${Object.keys(SNYK_REGIONS).join(', ')} (or set the API URL with ${ENV_API_URL}).`,
    );
  }
  let apiUrl: string;
  try {
    apiUrl = resolveApiUrl({ region, apiUrl: firstSet(explicit.apiUrl, env[ENV_API_URL]) });
  } catch (error) {
    throw new ConnectionSettingsError('apiUrl', 'Invalid Snyk API URL', error instanceof Error ? error.message : String(error));
  }
  if (credential.scheme === 'token' && isGovernmentApiUrl(apiUrl)) {
    throw governmentApiKeyError(apiUrl);
  }
  return { credential, region, apiUrl };
}

function governmentApiKeyError(apiUrl: string): ConnectionSettingsError {
  return new ConnectionSettingsError(
    'token',
    'API keys do not exist in SNYK-GOV-01',
    `Snyk for Government (${apiUrl}) accepts only OAuth access tokens. Unset the API key (${ENV_TOKEN} or \`token\`) and set ` +
      `${ENV_OAUTH_TOKEN} (or the provider's \`oauth_token\`) to an OAuth access token of a service account.`,
  );
}

/**
 * The problem with an explicit API key aimed, by explicit settings alone, at Snyk for Government (the environment is
 * not consulted: for checks that run before it matters, such as `terraform validate`).
 */
export function explicitGovernmentApiKeyProblem(explicit: ExplicitConnectionSettings): ConnectionSettingsError | undefined {
  if (!isSet(explicit.token) || isSet(explicit.oauthToken) || (!isSet(explicit.region) && !isSet(explicit.apiUrl))) {
    return undefined;
  }
  let apiUrl: string;
  try {
    apiUrl = resolveApiUrl({ region: firstSet(explicit.region), apiUrl: firstSet(explicit.apiUrl) });
  } catch {
    return undefined; // reported by the region and api_url checks
  }
  return isGovernmentApiUrl(apiUrl) ? governmentApiKeyError(apiUrl) : undefined;
}
