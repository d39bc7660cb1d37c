import { Construct } from 'constructs';
import { IntegrationClone as IntegrationCloneResource } from '../generated/integration-clone';
import { Token } from './core';
import { BrokerToken } from './broker-token';
import { cloneId, rotateBrokerToken } from './integration-operations';
import type { CloneToOptions, IIntegration, RotateBrokerTokenOptions } from './integration-ref';
import type { IOrganization } from './organization';
import { SnykProvider } from './provider';
import { TokenFamily } from './token-family';

/** Properties of an integration clone. */
export interface IntegrationCloneProps {
  /** The integration to clone. */
  readonly source: IIntegration;
  /** The organization that receives the clone: another organization of the same Snyk group. */
  readonly destination: IOrganization;
  /**
   * The provider configuration to use.
   * @default the source integration's
   */
  readonly provider?: SnykProvider;
}

/**
 * A copy of an integration in another organization (`snyk_integration_clone`): same credentials, same settings and,
 * when brokered, the same Broker token, so one broker client serves both organizations.
 */
export class IntegrationClone extends Construct implements IIntegration {
  /** The L1 resource. */
  public readonly resource: IntegrationCloneResource;
  /** The id of the new integration in the destination organization. */
  public readonly integrationId: string;
  public readonly organization: IOrganization;
  public readonly type: string;
  public readonly tokenFamily: TokenFamily;
  public readonly provider?: SnykProvider;
  /** The integration cloned. */
  public readonly source: IIntegration;

  public constructor(scope: Construct, id: string, props: IntegrationCloneProps) {
    super(scope, id);
    this.source = props.source;
    this.organization = props.destination;
    this.type = props.source.type;
    this.tokenFamily = props.source.tokenFamily;
    this.provider = props.provider ?? props.source.provider;
    this.resource = new IntegrationCloneResource(this, 'Resource', {
      sourceOrganizationId: props.source.organization.organizationId,
      sourceIntegrationId: props.source.integrationId,
      destinationOrganizationId: props.destination.organizationId,
      provider: this.provider?.resource,
    });
    this.node.defaultChild = this.resource;
    this.integrationId = this.resource.id;
    this.tokenFamily.addMember(this);
    this.node.addValidation({ validate: () => this.validateDestination() });
  }

  /** The Broker token the clone shares with its source: a sensitive deploy-time reference. */
  public get brokerToken(): string {
    return this.tokenFamily.currentToken;
  }

  public cloneTo(organization: IOrganization, options: CloneToOptions = {}): IntegrationClone {
    return new IntegrationClone(this, options.id ?? cloneId(organization), { source: this, destination: organization });
  }

  public rotateBrokerToken(options: RotateBrokerTokenOptions): BrokerToken {
    return rotateBrokerToken(this, options);
  }

  private validateDestination(): string[] {
    const from = this.source.organization;
    const to = this.organization;
    const sameId = !Token.isUnresolved(to.organizationId) && to.organizationId === from.organizationId;
    if (to === from || sameId) {
      return [`An integration cannot be cloned into its own organization (${from.node.path}): choose another destination organization`];
    }
    return [];
  }
}
