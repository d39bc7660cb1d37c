import { Construct } from 'constructs';
import { BrokerDeploymentCredential } from '../../generated/broker-deployment-credential';
import { BROKER_CONNECTION_TYPE_NAMES, isBrokerConnectionType } from '../../snyk/universal-broker/connection-types';
import { Token } from '../core';
import type { UniversalBrokerContext } from './context';

/** Variables the broker client gets from the platform, never from a credential reference. */
export const RUNTIME_VARIABLE_NAMES: readonly string[] = ['DEPLOYMENT_ID', 'CLIENT_ID', 'CLIENT_SECRET', 'BROKER_SERVER_URL', 'UNIVERSAL_BROKER_ENABLED', 'PORT'];

/** Key names the `snyk-universal-broker` Helm chart accepts in its credential Secret (a `.pem` key is also mounted as a file). */
const CREDENTIAL_VARIABLE_NAME = /^([a-zA-Z_][a-zA-Z0-9_]*|[a-zA-Z0-9_.-]+\.pem)$/;

/** Options of `UniversalBroker.addCredential()`. */
export interface AddCredentialOptions {
  /**
   * A note kept with the reference in Snyk, e.g. who owns the token.
   * @default none
   */
  readonly comment?: string;
  /**
   * The construct id of the credential reference, a child of the broker.
   * @default `Credential-<environment variable name>`
   */
  readonly id?: string;
}

/**
 * A credential reference of a Universal Broker deployment (`snyk_broker_deployment_credential`): the NAME of an
 * environment variable of the broker client, which holds the secret (an SCM token, a registry password). Snyk never
 * sees the value; connections refer to the reference by id.
 */
export class BrokerCredential extends Construct {
  /** The L1 resource. */
  public readonly resource: BrokerDeploymentCredential;
  /** The environment variable the broker client must receive, holding the secret. */
  public readonly environmentVariableName: string;
  /** The connection type the credential serves, e.g. `github-enterprise`. */
  public readonly connectionType: string;
  /** The credential reference's id (a deploy-time reference): what a connection's secret field takes. */
  public readonly credentialId: string;

  public constructor(scope: Construct, id: string, context: UniversalBrokerContext, environmentVariableName: string, connectionType: string, options: AddCredentialOptions = {}) {
    super(scope, id);
    this.environmentVariableName = environmentVariableName;
    this.connectionType = connectionType;
    this.resource = new BrokerDeploymentCredential(this, 'Resource', {
      tenantId: context.tenantId,
      appInstallId: context.appInstallId,
      brokerDeploymentId: context.deploymentId,
      environmentVariableName,
      brokerConnectionType: connectionType,
      comment: options.comment,
      provider: context.provider?.resource,
    });
    this.node.defaultChild = this.resource;
    this.credentialId = this.resource.id;
    this.node.addValidation({ validate: () => this.validateProps() });
  }

  private validateProps(): string[] {
    const problems: string[] = [];
    const name = this.environmentVariableName;
    if (!Token.isUnresolved(name)) {
      if (!CREDENTIAL_VARIABLE_NAME.test(name)) {
        problems.push(`"${name}" cannot be an environment variable of the broker client: use letters, digits and _ (not first a digit), or a name ending in .pem`);
      }
      if (RUNTIME_VARIABLE_NAMES.includes(name)) {
        problems.push(`"${name}" is set by the broker runtime itself (${RUNTIME_VARIABLE_NAMES.join(', ')}): choose another name for the credential`);
      }
    }
    if (!Token.isUnresolved(this.connectionType) && !isBrokerConnectionType(this.connectionType)) {
      problems.push(`unknown connection type "${this.connectionType}"; accepted: ${BROKER_CONNECTION_TYPE_NAMES.join(', ')}`);
    }
    return problems;
  }
}
