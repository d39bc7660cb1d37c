import { resolveApiUrl, SNYK_REGIONS } from '../snyk';

/** The provider block's attributes as Terraform sends them (null when not set). */
export interface ProviderConfigInput {
  readonly token: string | null;
  readonly region: string | null;
  readonly api_url: string | null;
}

export interface ResolvedProviderConfig {
  readonly token: string;
  readonly region: string;
  readonly apiUrl: string;
}

/** A configuration problem tied to one provider attribute, so the diagnostic can point at it. */
export class ProviderConfigError extends Error {
  constructor(
    readonly attribute: keyof ProviderConfigInput,
    readonly summary: string,
    readonly detail: string,
  ) {
    super(`${summary}: ${detail}`);
  }
}

export const ENV_TOKEN = 'SNYK_TOKEN';
export const ENV_REGION = 'SNYK_REGION';
export const ENV_API_URL = 'SNYK_API_URL';
export const DEFAULT_REGION = 'SNYK-US-01';

function firstSet(...values: Array<string | null | undefined>): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value.trim() !== '')?.trim();
}

/** Merges the provider block with the environment; the block wins over the environment. */
export function resolveProviderConfig(input: ProviderConfigInput, env: NodeJS.ProcessEnv = process.env): ResolvedProviderConfig {
  const token = firstSet(input.token, env[ENV_TOKEN]);
  if (!token) {
    throw new ProviderConfigError(
      'token',
      'No Snyk API token',
      `Set the ${ENV_TOKEN} environment variable (or the provider's \`token\` argument) to a Snyk API key or service-account token.`,
    );
  }
  const region = firstSet(input.region, env[ENV_REGION]) ?? DEFAULT_REGION;
  if (!(region in SNYK_REGIONS)) {
    throw new ProviderConfigError(
      'region',
      'Unknown Snyk region',
      `"${region}" is not a Snyk region. Accepted: ${Object.keys(SNYK_REGIONS).join(', ')} (or set api_url / ${ENV_API_URL}).`,
    );
  }
  const explicitUrl = firstSet(input.api_url, env[ENV_API_URL]);
  try {
    return { token, region, apiUrl: resolveApiUrl({ region, apiUrl: explicitUrl }) };
  } catch (error) {
    throw new ProviderConfigError('api_url', 'Invalid Snyk API URL', error instanceof Error ? error.message : String(error));
  }
}
