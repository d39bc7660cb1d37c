import { Construct } from 'constructs';
import { AppInstall } from '../../generated/app-install';
import { BrokerDeployment } from '../../generated/broker-deployment';
import { Token } from '../core';
import type { IOrganization } from '../organization';
import { brokerServerUrlOf, SnykProvider } from '../provider';
import { AddConnectionOptions, UniversalBrokerConnection } from './connection';
import type { UniversalBrokerContext } from './context';
import { AddCredentialOptions, BrokerCredential } from './credential';
import { helmRegionOf, UniversalBrokerHelmOptions, UniversalBrokerHelmValues } from './helm';

/** How the Broker App's client secret is rotated. */
export interface ClientSecretRotation {
  /** Any value; changing it in a later deploy rotates the client secret (for example a date or a ticket number). */
  readonly trigger: string;
  /**
   * `create` adds a new secret and keeps the old one valid (`previousClientSecret`) until it is retired: no downtime.
   * `replace` replaces every secret at once: running broker clients stop until restarted with the new one.
   * @default 'create'
   */
  readonly mode?: 'create' | 'replace';
  /**
   * Delete the previous secret in Snyk. Set it once every broker client runs with `clientSecret`.
   * @default false
   */
  readonly retirePreviousSecret?: boolean;
}

/** Properties of a Universal Broker. */
export interface UniversalBrokerProps {
  /** The Snyk tenant (web UI tenant settings, or `GET /rest/tenants`). Setup needs a Tenant Admin's personal API key. */
  readonly tenantId: string;
  /** The organization the Broker App is installed in: Snyk advises a dedicated admin organization. */
  readonly organization: IOrganization;
  /**
   * The Snyk App to install.
   * @default the Broker App id Snyk publishes (the provider's default)
   */
  readonly appId?: string;
  /**
   * Free-form labels of the deployment, e.g. `{ deployment_name: 'eu', cluster: 'eu-1' }`.
   * @default none
   */
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * Rotation of the client secret.
   * @default none: the secret captured at install stays
   */
  readonly clientSecretRotation?: ClientSecretRotation;
  /**
   * `BROKER_SERVER_URL` of the broker clients.
   * @default the provider's region's broker server (`SnykProvider.brokerServerUrl`), else SNYK-US-01's
   */
  readonly brokerServerUrl?: string;
  /**
   * The provider configuration to use.
   * @default the default `snyk` provider configuration
   */
  readonly provider?: SnykProvider;
}

/**
 * A Universal Broker: the Broker App installed in an organization (`snyk_app_install`, its client secret captured) and
 * one deployment of broker clients (`snyk_broker_deployment`), with credential references, connections and the org
 * integrations they serve. It hands the broker clients their environment (`runtimeEnvironment`,
 * `credentialVariableNames`) and the `snyk-universal-broker` Helm chart its values (`helmValues()`).
 */
export class UniversalBroker extends Construct {
  /** The Broker App install. */
  public readonly install: AppInstall;
  /** The deployment. */
  public readonly deployment: BrokerDeployment;
  /** The deployment's id (`DEPLOYMENT_ID`). */
  public readonly deploymentId: string;
  /** The install's OAuth client id (`CLIENT_ID`). */
  public readonly clientId: string;
  /** The install's client secret (`CLIENT_SECRET`): a sensitive deploy-time reference. */
  public readonly clientSecret: string;
  /** After a `create` rotation, the secret in use before (still valid until retired): sensitive. */
  public readonly previousClientSecret: string;
  /** `BROKER_SERVER_URL` of the broker clients. */
  public readonly brokerServerUrl: string;
  private readonly context: UniversalBrokerContext;
  private readonly credentialList: BrokerCredential[] = [];
  private readonly connectionList: UniversalBrokerConnection[] = [];

  public constructor(scope: Construct, id: string, props: UniversalBrokerProps) {
    super(scope, id);
    const rotation = props.clientSecretRotation;
    this.install = new AppInstall(this, 'AppInstall', {
      organizationId: props.organization.organizationId,
      appId: props.appId,
      secretRotationTriggers: rotation ? { trigger: rotation.trigger } : undefined,
      secretRotationMode: rotation?.mode,
      retirePreviousSecret: rotation?.retirePreviousSecret,
      provider: props.provider?.resource,
    });
    this.deployment = new BrokerDeployment(this, 'Deployment', {
      tenantId: props.tenantId,
      appInstallId: this.install.id,
      organizationId: props.organization.organizationId,
      metadata: props.metadata ? { ...props.metadata } : undefined,
      provider: props.provider?.resource,
    });
    this.deploymentId = this.deployment.id;
    this.clientId = this.install.clientId;
    this.clientSecret = this.install.clientSecret;
    this.previousClientSecret = this.install.previousClientSecret;
    this.brokerServerUrl = props.brokerServerUrl ?? props.provider?.brokerServerUrl ?? brokerServerUrlOf(process.env.SNYK_REGION);
    this.context = { tenantId: props.tenantId, appInstallId: this.install.id, deploymentId: this.deploymentId, provider: props.provider };
    this.node.addValidation({ validate: () => this.validateCredentials() });
  }

  /**
   * Declares a credential reference: the broker client must receive the secret in the environment variable
   * `environmentVariableName` (Snyk only ever holds the name). Give it to a connection's secret field.
   */
  public addCredential(environmentVariableName: string, connectionType: string, options: AddCredentialOptions = {}): BrokerCredential {
    const credential = new BrokerCredential(this, options.id ?? `Credential-${environmentVariableName}`, this.context, environmentVariableName, connectionType, options);
    this.credentialList.push(credential);
    return credential;
  }

  /** Declares a connection of the deployment to an SCM or registry. */
  public addConnection(options: AddConnectionOptions): UniversalBrokerConnection {
    const connection = new UniversalBrokerConnection(this, options.id ?? `Connection-${options.name}`, this.context, options);
    this.connectionList.push(connection);
    return connection;
  }

  /** The credential references declared, in order. */
  public get credentials(): readonly BrokerCredential[] {
    return this.credentialList;
  }

  /** The connections declared, in order. */
  public get connections(): readonly UniversalBrokerConnection[] {
    return this.connectionList;
  }

  /**
   * The environment of the broker client (image `snyk/broker:universal`) besides the credential variables:
   * `DEPLOYMENT_ID`, `CLIENT_ID`, `CLIENT_SECRET`, `BROKER_SERVER_URL`, `UNIVERSAL_BROKER_ENABLED`. It carries the
   * client secret: hand it on only to sensitive places (a `SnykOutput`, a Kubernetes Secret).
   */
  public get runtimeEnvironment(): Readonly<Record<string, string>> {
    return { ...this.platformAuthSecretData, BROKER_SERVER_URL: this.brokerServerUrl, UNIVERSAL_BROKER_ENABLED: 'true' };
  }

  /** The environment variables the broker client must receive, each holding the secret of one credential reference. */
  public get credentialVariableNames(): readonly string[] {
    return this.credentialList.map((credential) => credential.environmentVariableName);
  }

  /**
   * The data of the Secret the Helm chart's `platformAuthSecret.name` names: the keys `DEPLOYMENT_ID`, `CLIENT_ID`,
   * `CLIENT_SECRET` (sensitive).
   */
  public get platformAuthSecretData(): Readonly<Record<string, string>> {
    return { DEPLOYMENT_ID: this.deploymentId, CLIENT_ID: this.clientId, CLIENT_SECRET: this.clientSecret };
  }

  /** The keys the Secret named by the Helm chart's `credentialReferencesSecret.name` must have. */
  public get credentialReferencesSecretKeys(): readonly string[] {
    return this.credentialVariableNames;
  }

  /** Values for the `snyk-universal-broker` Helm chart; they carry the client secret unless a platform Secret is named. */
  public helmValues(options: UniversalBrokerHelmOptions = {}): UniversalBrokerHelmValues {
    const region = Token.isUnresolved(this.brokerServerUrl) ? undefined : helmRegionOf(this.brokerServerUrl);
    const platform = options.platformAuthSecretName
      ? { platformAuthSecret: { name: options.platformAuthSecretName } }
      : { deploymentId: this.deploymentId, clientId: this.clientId, clientSecret: this.clientSecret };
    const credentials = options.credentialReferencesSecretName ? { credentialReferencesSecret: { name: options.credentialReferencesSecretName } } : {};
    return { ...platform, ...credentials, ...(region === undefined ? {} : { region }) };
  }

  private validateCredentials(): string[] {
    const names = this.credentialVariableNames.filter((name) => !Token.isUnresolved(name));
    const repeated = names.filter((name, index) => names.indexOf(name) !== index);
    return [...new Set(repeated)].map((name) => `the environment variable ${name} is declared by more than one credential reference: one reference can serve several connections of its type`);
  }
}
