import {
  bothCredentialsProblem,
  ConnectionSettings,
  ConnectionSettingsError,
  explicitGovernmentApiKeyProblem,
  ExplicitConnectionSettings,
  resolveConnectionSettings,
} from '../snyk';

/** The provider block's attributes as Terraform sends them (null when not set). */
export interface ProviderConfigInput {
  readonly token: string | null;
  readonly oauth_token: string | null;
  readonly region: string | null;
  readonly api_url: string | null;
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

const ATTRIBUTE_OF = { token: 'token', oauthToken: 'oauth_token', region: 'region', apiUrl: 'api_url' } as const;

function explicitSettings(input: Partial<ProviderConfigInput>): ExplicitConnectionSettings {
  return { token: input.token, oauthToken: input.oauth_token, region: input.region, apiUrl: input.api_url };
}

function toProviderConfigError(error: ConnectionSettingsError): ProviderConfigError {
  return new ProviderConfigError(ATTRIBUTE_OF[error.setting], error.summary, error.detail);
}

/**
 * Problems `terraform validate` can report from the provider block alone (the environment plays no part there):
 * `token` and `oauth_token` both set, or `token` with the SNYK-GOV-01 region or a snykgov.io `api_url`.
 */
export function providerConfigProblems(input: Partial<ProviderConfigInput>): ProviderConfigError[] {
  const explicit = explicitSettings(input);
  const problems = [bothCredentialsProblem(explicit), explicitGovernmentApiKeyProblem(explicit)];
  return problems.filter((problem): problem is ConnectionSettingsError => problem !== undefined).map(toProviderConfigError);
}

/**
 * Merges the provider block with SNYK_TOKEN, SNYK_OAUTH_TOKEN, SNYK_REGION and SNYK_API_URL; the block wins over the
 * environment.
 */
export function resolveProviderConfig(input: ProviderConfigInput, env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  try {
    return resolveConnectionSettings(explicitSettings(input), env);
  } catch (error) {
    if (error instanceof ConnectionSettingsError) throw toProviderConfigError(error);
    throw error;
  }
}
