import { Construct } from 'constructs';
import { BrokerIntegration as BrokerIntegrationResource } from '../../generated/broker-integration';
import { Token } from '../core';
import type { IIntegration } from '../integration-ref';
import type { IOrganization } from '../organization';
import type { UniversalBrokerConnection } from './connection';
import type { UniversalBrokerContext } from './context';

/** Options of `connection.integrate()`. */
export interface IntegrateOptions {
  /**
   * The construct id, a child of the connection.
   * @default `Integrate-<the organization's construct id>`
   */
  readonly id?: string;
}

/** Options of `connection.adopt()`. */
export interface AdoptOptions {
  /**
   * The organizations (the adopting one included) whose integrations share the classic Broker token, so that the plan
   * names those that stay on it and warns when the last one leaves.
   * @default the organizations of the integration's token family declared in this app (it, its clones and theirs)
   */
  readonly classicFamily?: readonly IOrganization[];
  /**
   * The construct id, a child of the connection.
   * @default `Adopt-<the organization's construct id>`
   */
  readonly id?: string;
}

/** What a Universal Broker integration is made of. */
export interface UniversalBrokerIntegrationProps {
  readonly connection: UniversalBrokerConnection;
  readonly organization: IOrganization;
  /** The classic integration moved onto the connection. @default none: a new integration */
  readonly classicIntegration?: IIntegration;
  /** @default the classic integration's token family declared in this app */
  readonly classicFamily?: readonly IOrganization[];
}

/** An organization's integration served by a Universal Broker connection (`snyk_broker_integration`). */
export class UniversalBrokerIntegration extends Construct {
  /** The L1 resource. */
  public readonly resource: BrokerIntegrationResource;
  /** The organization's integration id (a deploy-time reference). */
  public readonly integrationId: string;
  /** The organization. */
  public readonly organization: IOrganization;
  /** The connection serving it. */
  public readonly connection: UniversalBrokerConnection;
  /** The classic integration moved onto the connection, if any. */
  public readonly classicIntegration?: IIntegration;
  /** The organizations sharing the classic Broker token left by this move (empty for a new integration). */
  public readonly classicFamily: readonly IOrganization[];

  public constructor(scope: Construct, id: string, context: UniversalBrokerContext, props: UniversalBrokerIntegrationProps) {
    super(scope, id);
    this.organization = props.organization;
    this.connection = props.connection;
    this.classicIntegration = props.classicIntegration;
    this.classicFamily = props.classicIntegration ? withOrganization(props.organization, props.classicFamily ?? familyOrganizations(props.classicIntegration)) : [];
    this.resource = new BrokerIntegrationResource(this, 'Resource', {
      tenantId: context.tenantId,
      brokerConnectionId: props.connection.connectionId,
      organizationId: props.organization.organizationId,
      type: props.connection.type,
      integrationId: props.classicIntegration?.integrationId,
      classicFamilyOrganizationIds: this.classicFamily.length > 0 ? this.classicFamily.map((org) => org.organizationId) : undefined,
      provider: context.provider?.resource,
    });
    this.node.defaultChild = this.resource;
    this.integrationId = this.resource.id;
    this.node.addValidation({ validate: () => this.validateProps() });
  }

  private validateProps(): string[] {
    const classic = this.classicIntegration;
    if (!classic || Token.isUnresolved(classic.type) || Token.isUnresolved(this.connection.type) || classic.type === this.connection.type) return [];
    return [
      `${classic.node.path} is a ${classic.type} integration: a ${this.connection.type} connection (${this.connection.node.path}) cannot take it over; ` +
        `adopt it with a ${classic.type} connection`,
    ];
  }
}

/** The distinct organizations of the integration's token family declared in this app. */
function familyOrganizations(integration: IIntegration): IOrganization[] {
  const organizations = integration.tokenFamily.members.map((member) => member.organization);
  return organizations.filter((org, index) => organizations.indexOf(org) === index);
}

/** The family with `organization` in it (first when it was missing). */
function withOrganization(organization: IOrganization, family: readonly IOrganization[]): readonly IOrganization[] {
  return family.includes(organization) ? family : [organization, ...family];
}
