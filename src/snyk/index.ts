export { SnykClient } from './client';
export type { SnykClientOptions } from './client';
export { SnykApiError, isNotFound, parseErrorBody } from './errors';
export type { SnykApiErrorInit, ParsedErrorBody } from './errors';
export { SNYK_REGIONS, DEFAULT_SNYK_REGION, isSnykRegion, isLoopbackHost, resolveApiUrl, regionOfApiUrl, isGovernmentApiUrl, urlForMessage } from './regions';
export type { SnykRegion, SnykRegionEndpoints } from './regions';
export type { Organization, CreateOrgInput } from './orgs';
export type { Credentials } from './broker-tokens';
export type { AddIntegrationInput } from './integrations';
export type { IntegrationSettings, AutoRemediationPrs, ManualRemediationPrs, PullRequestAssignment } from './integration-settings';
export { INTEGRATION_TYPES, isIntegrationType, credentialProblems, describeCredentialFields } from './integration-types';
export type { IntegrationType, IntegrationCredentialFields, CredentialProblem } from './integration-types';
export { DEFAULT_RETRY_POLICY, parseRetryAfter, backoffDelayMs, classifyFailure } from './retry';
export type { RetryOptions, RetryClock, FailureKind } from './retry';
export { DEFAULT_TIMEOUT_MS, userAgent } from './http';
export type { RequestEvent } from './http';
export { REST_API_VERSION, JSON_API_CONTENT_TYPE } from './rest';
export {
  resolveConnectionSettings,
  bothCredentialsProblem,
  explicitGovernmentApiKeyProblem,
  ConnectionSettingsError,
  ENV_TOKEN,
  ENV_OAUTH_TOKEN,
  ENV_REGION,
  ENV_API_URL,
} from './environment';
export type { ConnectionSettings, ConnectionSetting, ExplicitConnectionSettings } from './environment';
export { authorizationHeader, credentialOf, credentialOption, describeAuthScheme } from './auth';
export type { AuthScheme, SnykCredential } from './auth';
export { SnykThrottle, sharedThrottle, SNYK_DOCUMENTED_LIMITS, PACE_SHARE, RATE_LIMIT_WINDOW_MS, areaOf } from './throttle';
export type { ApiArea, ThrottleClock, SnykThrottleOptions } from './throttle';
export * from './universal-broker';
