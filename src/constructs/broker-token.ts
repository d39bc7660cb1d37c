import { Construct } from 'constructs';
import { BrokerToken as BrokerTokenResource } from '../generated/broker-token';
import type { IIntegration } from './integration-ref';
import { SnykProvider } from './provider';

/** Properties of a classic Broker token. */
export interface BrokerTokenProps {
  /** The brokered integration the token is for; the token serves its whole token family. */
  readonly integration: IIntegration;
  /**
   * Arbitrary values; changing any of them provisions a new token (a rotation).
   * @default none: the token is provisioned once
   */
  readonly rotationTriggers?: Readonly<Record<string, string>>;
  /**
   * Whether to switch the token family to the new token. `false` keeps it provisional for a zero-downtime rotation:
   * start broker clients with it, then set `true`.
   * @default true
   */
  readonly activate?: boolean;
  /**
   * The provider configuration to use.
   * @default the integration's
   */
  readonly provider?: SnykProvider;
}

/** A classic Broker token provisioned for an integration and its token family (`snyk_broker_token`). */
export class BrokerToken extends Construct {
  /** The L1 resource. */
  public readonly resource: BrokerTokenResource;
  /** The integration the token was provisioned for. */
  public readonly integration: IIntegration;
  /** Whether this deploy switches the family to the token. */
  public readonly activates: boolean;
  /** The token (a UUIDv4), for broker clients' `BROKER_TOKEN`: a sensitive deploy-time reference. */
  public readonly token: string;
  /** `provisional` until switched to, then `active`. */
  public readonly status: string;

  public constructor(scope: Construct, id: string, props: BrokerTokenProps) {
    super(scope, id);
    this.integration = props.integration;
    this.activates = props.activate !== false;
    this.resource = new BrokerTokenResource(this, 'Resource', {
      organizationId: props.integration.organization.organizationId,
      integrationId: props.integration.integrationId,
      rotationTriggers: props.rotationTriggers ? { ...props.rotationTriggers } : undefined,
      activate: props.activate,
      provider: (props.provider ?? props.integration.provider)?.resource,
    });
    this.node.defaultChild = this.resource;
    this.token = this.resource.token;
    this.status = this.resource.status;
    props.integration.tokenFamily.addRotation(this);
  }
}
