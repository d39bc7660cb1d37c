import { Construct } from 'constructs';
import { SnykProvider as SnykProviderResource } from '../generated/provider';
import { SNYK_REGIONS, isSnykRegion } from '../snyk/regions';
import { Token } from './core';
import { SnykSecret } from './secret';

/** Configuration of the Snyk provider. Every prop left out is read by the provider from the environment at deploy time. */
export interface SnykProviderProps {
  /**
   * The Snyk API key. Leave it out to keep it out of the synthesized configuration: the provider then reads
   * `SNYK_TOKEN` when Terraform runs.
   * @default the environment variable SNYK_TOKEN, read by the provider at deploy time
   */
  readonly token?: SnykSecret;
  /**
   * An OAuth 2.0 access token of a Snyk service account, sent as `Authorization: bearer`; the only credential
   * `SNYK-GOV-01` accepts. Give either this or `token`, not both. Leave it out to keep it out of the synthesized
   * configuration: the provider then reads `SNYK_OAUTH_TOKEN` when Terraform runs. Access tokens are short-lived, so
   * a secret read at deploy time (`SnykSecret.fromEnvironment`) suits them.
   * @default the environment variable SNYK_OAUTH_TOKEN, read by the provider at deploy time
   */
  readonly oauthToken?: SnykSecret;
  /**
   * The Snyk region (`SNYK-US-01`, `SNYK-US-02`, `SNYK-EU-01`, `SNYK-AU-01`).
   * @default the environment variable SNYK_REGION at deploy time, then SNYK-US-01
   */
  readonly region?: string;
  /**
   * The API root serving `/v1` and `/rest` (for example an emulator's URL); overrides `region`.
   * @default the environment variable SNYK_API_URL at deploy time, then the region's API
   */
  readonly apiUrl?: string;
  /**
   * Alias, for a second provider configuration (another region or account).
   * @default none: the default configuration
   */
  readonly alias?: string;
}

/** The `snyk` provider configuration. */
export class SnykProvider extends Construct {
  /** The L1 provider. */
  public readonly resource: SnykProviderResource;
  private readonly region?: string;
  private readonly credentialsGiven: readonly string[];

  public constructor(scope: Construct, id: string, props: SnykProviderProps = {}) {
    super(scope, id);
    this.region = props.region;
    this.credentialsGiven = [props.token && 'token', props.oauthToken && 'oauthToken'].filter((name): name is string => Boolean(name));
    this.resource = new SnykProviderResource(this, 'Resource', {
      token: props.token?.unsafeUnwrap(),
      oauthToken: props.oauthToken?.unsafeUnwrap(),
      region: props.region,
      apiUrl: props.apiUrl,
      alias: props.alias,
    });
    this.node.defaultChild = this.resource;
    this.node.addValidation({ validate: () => [...this.validateRegion(), ...this.validateCredentials()] });
  }

  /**
   * The broker server URL broker clients of this region connect to (`BROKER_SERVER_URL`), for the region given in
   * the props, else `SNYK_REGION` as seen at synth time, else SNYK-US-01.
   */
  public get brokerServerUrl(): string {
    return brokerServerUrlOf(this.region ?? process.env.SNYK_REGION);
  }

  private validateCredentials(): string[] {
    if (this.credentialsGiven.length < 2) return [];
    return [
      'Give either token (an API key, sent as "Authorization: token") or oauthToken (an OAuth access token, sent as "Authorization: bearer"), ' +
        'not both; or leave both out and set SNYK_TOKEN or SNYK_OAUTH_TOKEN when Terraform runs',
    ];
  }

  private validateRegion(): string[] {
    if (this.region === undefined || Token.isUnresolved(this.region) || isSnykRegion(this.region)) {
      return [];
    }
    return [`Unknown Snyk region "${this.region}"; accepted: ${Object.keys(SNYK_REGIONS).join(', ')}`];
  }
}

/** The broker server URL of a region (`BROKER_SERVER_URL` for broker clients); SNYK-US-01's when none is given. */
export function brokerServerUrlOf(region: string | undefined): string {
  const name = (region ?? '').trim().toUpperCase() || 'SNYK-US-01';
  if (!isSnykRegion(name)) {
    throw new Error(`Unknown Snyk region "${region}"; accepted: ${Object.keys(SNYK_REGIONS).join(', ')}`);
  }
  return SNYK_REGIONS[name].brokerServerUrl;
}
