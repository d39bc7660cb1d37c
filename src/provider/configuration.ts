import { ConnectionSettings, ConnectionSettingsError, resolveConnectionSettings } from '../snyk';

/** The provider block's attributes as Terraform sends them (null when not set). */
export interface ProviderConfigInput {
  readonly token: string | null;
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

const ATTRIBUTE_OF = { token: 'token', region: 'region', apiUrl: 'api_url' } as const;

/** Merges the provider block with SNYK_TOKEN, SNYK_REGION and SNYK_API_URL; the block wins over the environment. */
export function resolveProviderConfig(input: ProviderConfigInput, env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  try {
    return resolveConnectionSettings({ token: input.token, region: input.region, apiUrl: input.api_url }, env);
  } catch (error) {
    if (error instanceof ConnectionSettingsError) throw new ProviderConfigError(ATTRIBUTE_OF[error.setting], error.summary, error.detail);
    throw error;
  }
}
