import { Construct } from 'constructs';
import { BrokerConnection as BrokerConnectionResource } from '../../generated/broker-connection';
import { connectionConfigurationProblems } from '../../snyk/universal-broker/connection-types';
import { Token } from '../core';
import type { IIntegration } from '../integration-ref';
import { freeChildId } from '../integration-operations';
import type { IOrganization } from '../organization';
import { BrokerConnectionFields, configurationAttribute, fieldValueProblems, presentFields } from './configuration';
import type { UniversalBrokerContext } from './context';
import { AdoptOptions, IntegrateOptions, UniversalBrokerIntegration } from './integration';

/** Options of `UniversalBroker.addConnection()`. */
export interface AddConnectionOptions {
  /** The connection type (see `BROKER_CONNECTION_TYPES`), e.g. `github-enterprise`; changing it replaces the connection. */
  readonly type: string;
  /** The connection's name in Snyk, e.g. `github-enterprise-eu`. */
  readonly name: string;
  /**
   * The fields the type requires, keyed by Snyk's names (`broker_client_url`, `github`, `github_token`...). Secret
   * fields take a `BrokerCredential` from `addCredential()`, never a secret value.
   */
  readonly configuration: BrokerConnectionFields;
  /**
   * The construct id of the connection, a child of the broker.
   * @default `Connection-<name>`
   */
  readonly id?: string;
}

/** A Universal Broker connection (`snyk_broker_connection`): one SCM or registry that the deployment's clients reach. */
export class UniversalBrokerConnection extends Construct {
  /** The L1 resource. */
  public readonly resource: BrokerConnectionResource;
  /** The connection's id (a deploy-time reference). */
  public readonly connectionId: string;
  /** The connection type, e.g. `gitlab`. */
  public readonly type: string;
  /** The connection's name in Snyk. */
  public readonly name: string;
  private readonly fields: BrokerConnectionFields;
  private readonly integrationList: UniversalBrokerIntegration[] = [];

  public constructor(scope: Construct, id: string, private readonly context: UniversalBrokerContext, options: AddConnectionOptions) {
    super(scope, id);
    this.type = options.type;
    this.name = options.name;
    this.fields = { ...options.configuration };
    this.resource = new BrokerConnectionResource(this, 'Resource', {
      tenantId: context.tenantId,
      appInstallId: context.appInstallId,
      brokerDeploymentId: context.deploymentId,
      name: options.name,
      type: options.type,
      configuration: configurationAttribute(this.fields),
      provider: context.provider?.resource,
    });
    this.node.defaultChild = this.resource;
    this.connectionId = this.resource.id;
    this.node.addValidation({ validate: () => this.validateProps() });
  }

  /** The org integrations served by this connection, in the order declared. */
  public get integrations(): readonly UniversalBrokerIntegration[] {
    return this.integrationList;
  }

  /** Serves `organization`'s integration of this connection's type through the connection (a new integration). */
  public integrate(organization: IOrganization, options: IntegrateOptions = {}): UniversalBrokerIntegration {
    return this.track(
      new UniversalBrokerIntegration(this, options.id ?? freeChildId(this, `Integrate-${organization.node.id}`), this.context, {
        connection: this,
        organization,
      }),
    );
  }

  /**
   * Moves an existing classic brokered integration onto this connection: its organization leaves the classic Broker
   * token family, and the plan names the organizations that stay on the classic token.
   */
  public adopt(classicIntegration: IIntegration, options: AdoptOptions = {}): UniversalBrokerIntegration {
    return this.track(
      new UniversalBrokerIntegration(this, options.id ?? freeChildId(this, `Adopt-${classicIntegration.organization.node.id}`), this.context, {
        connection: this,
        organization: classicIntegration.organization,
        classicIntegration,
        classicFamily: options.classicFamily,
      }),
    );
  }

  private track(integration: UniversalBrokerIntegration): UniversalBrokerIntegration {
    this.integrationList.push(integration);
    return integration;
  }

  private validateProps(): string[] {
    if (Token.isUnresolved(this.type)) return [];
    const problems = connectionConfigurationProblems(this.type, presentFields(this.fields));
    if (!Token.isUnresolved(this.name) && this.name.trim() === '') problems.push('the connection needs a name');
    return [...problems, ...fieldValueProblems(this.type, this.fields)];
  }
}
