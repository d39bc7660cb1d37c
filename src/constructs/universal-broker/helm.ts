/** Values of the `snyk-universal-broker` Helm chart that come from Snyk (the rest, such as ingress, is yours). */
export interface UniversalBrokerHelmValues {
  /** `DEPLOYMENT_ID`, when no `platformAuthSecret` is named. */
  readonly deploymentId?: string;
  /** `CLIENT_ID`, when no `platformAuthSecret` is named. */
  readonly clientId?: string;
  /** `CLIENT_SECRET` (sensitive), when no `platformAuthSecret` is named. */
  readonly clientSecret?: string;
  /** An existing Secret with the keys `DEPLOYMENT_ID`, `CLIENT_ID`, `CLIENT_SECRET`. */
  readonly platformAuthSecret?: { readonly name: string };
  /** An existing Secret whose keys are the credential variable names. */
  readonly credentialReferencesSecret?: { readonly name: string };
  /** The chart's region: `""` for https://broker.snyk.io, `eu` for https://broker.eu.snyk.io... */
  readonly region?: string;
}

/** Options of `UniversalBroker.helmValues()`. */
export interface UniversalBrokerHelmOptions {
  /**
   * The name of an existing Kubernetes Secret holding `platformAuthSecretData` (the keys `DEPLOYMENT_ID`, `CLIENT_ID`,
   * `CLIENT_SECRET`).
   * @default none: the values go into the chart values as `deploymentId`, `clientId`, `clientSecret` (sensitive)
   */
  readonly platformAuthSecretName?: string;
  /**
   * The name of an existing Kubernetes Secret whose keys are `credentialVariableNames`, holding the SCM and registry
   * secrets.
   * @default none: give the chart `credentialReferences.<NAME>` values yourself
   */
  readonly credentialReferencesSecretName?: string;
}

const BROKER_HOST = /^https:\/\/broker(?:\.([a-z0-9-]+))?\.snyk\.io\/?$/;

/**
 * The chart's `region` for a broker server URL; undefined where the chart cannot express it (its template builds
 * `https://broker[.REGION].snyk.io`, so a `snykgov.io` host has no region value).
 */
export function helmRegionOf(brokerServerUrl: string): string | undefined {
  const match = BROKER_HOST.exec(brokerServerUrl);
  return match ? (match[1] ?? '') : undefined;
}
