import { Construct } from 'constructs';
import { Integration as IntegrationResource, IntegrationSettings } from '../generated/integration';
import { credentialProblems, isIntegrationType } from '../snyk/integration-types';
import { Token } from './core';
import { BrokerToken } from './broker-token';
import { IntegrationCredentials } from './credentials';
import { IntegrationClone } from './integration-clone';
import { cloneId, rotateBrokerToken } from './integration-operations';
import type { CloneToOptions, IIntegration, RotateBrokerTokenOptions } from './integration-ref';
import { IOrganization, Organization, trackIntegration } from './organization';
import { SnykProvider } from './provider';
import { TokenFamily } from './token-family';

/** Settings of an SCM integration; each one left out keeps Snyk's value. */
export interface IntegrationSettingsProps {
  /** Open pull requests that upgrade dependencies. @default Snyk's setting */
  readonly autoDepUpgradeEnabled?: boolean;
  /** Maximum number of open upgrade pull requests. @default Snyk's setting */
  readonly autoDepUpgradeLimit?: number;
  /** Dependencies never upgraded automatically. @default Snyk's setting */
  readonly autoDepUpgradeIgnoredDependencies?: readonly string[];
  /** Minimum age in days of a version before it is proposed. @default Snyk's setting */
  readonly autoDepUpgradeMinAge?: number;
  /** Test pull requests. @default Snyk's setting */
  readonly pullRequestTestEnabled?: boolean;
  /** Fail pull request checks on any vulnerability. @default Snyk's setting */
  readonly pullRequestFailOnAnyVulns?: boolean;
  /** Fail pull request checks only for high severity issues. @default Snyk's setting */
  readonly pullRequestFailOnlyForHighSeverity?: boolean;
  /** Detect Dockerfiles in repositories. @default Snyk's setting */
  readonly dockerfileScmEnabled?: boolean;
}

/** Properties of an integration. */
export interface IntegrationProps {
  /** The organization the integration belongs to; changing it replaces the integration. */
  readonly organization: IOrganization;
  /** The integration type (see `INTEGRATION_TYPES`), e.g. `github-enterprise`; changing it replaces the integration. */
  readonly type: string;
  /**
   * Whether Snyk reaches the SCM or registry through a broker client. Enabling it captures the Broker token.
   * @default false
   */
  readonly broker?: boolean;
  /**
   * The credentials, with the fields the type requires. Required when `broker` is off.
   * @default none
   */
  readonly credentials?: IntegrationCredentials;
  /**
   * Integration settings.
   * @default Snyk's settings
   */
  readonly settings?: IntegrationSettingsProps;
  /**
   * The provider configuration to use.
   * @default the default `snyk` provider configuration
   */
  readonly provider?: SnykProvider;
}

/** What `Integration.fromIntegrationId()` needs to know of an existing integration. */
export interface IntegrationAttributes {
  readonly organizationId: string;
  readonly integrationId: string;
  readonly type: string;
}

/** An SCM or container registry integration of an organization (`snyk_integration`). */
export class Integration extends Construct implements IIntegration {
  /** An existing integration. Declares no resource; its Broker token is unknown until rotated. */
  public static fromIntegrationId(scope: Construct, id: string, attributes: IntegrationAttributes): IIntegration {
    return new ImportedIntegration(scope, id, attributes);
  }

  /** The L1 resource. */
  public readonly resource: IntegrationResource;
  public readonly integrationId: string;
  public readonly organization: IOrganization;
  public readonly type: string;
  public readonly tokenFamily: TokenFamily;
  public readonly provider?: SnykProvider;
  /** Whether the integration is brokered. */
  public readonly broker: boolean;
  private readonly credentials?: IntegrationCredentials;
  private capturedToken?: string;

  public constructor(scope: Construct, id: string, props: IntegrationProps) {
    super(scope, id);
    this.organization = props.organization;
    this.type = props.type;
    this.broker = props.broker ?? false;
    this.credentials = props.credentials;
    this.provider = props.provider;
    this.resource = new IntegrationResource(this, 'Resource', {
      organizationId: props.organization.organizationId,
      type: props.type,
      broker: props.broker,
      credentials: props.credentials?.toAttribute(),
      settings: props.settings ? settingsAttribute(props.settings) : undefined,
      provider: props.provider?.resource,
    });
    this.node.defaultChild = this.resource;
    this.integrationId = this.resource.id;
    this.tokenFamily = new TokenFamily(() => this.capturedBrokerToken());
    this.tokenFamily.addMember(this);
    trackIntegration(props.organization, this.resource);
    this.node.addValidation({ validate: () => this.validateProps() });
  }

  /**
   * The Broker token in use by the token family once deployed (the one captured when the broker was enabled, or the
   * last activated rotation's): a sensitive deploy-time reference. Throws when the integration is not brokered.
   */
  public get brokerToken(): string {
    return this.tokenFamily.currentToken;
  }

  public cloneTo(organization: IOrganization, options: CloneToOptions = {}): IntegrationClone {
    return new IntegrationClone(this, options.id ?? cloneId(organization), { source: this, destination: organization });
  }

  public rotateBrokerToken(options: RotateBrokerTokenOptions): BrokerToken {
    return rotateBrokerToken(this, options);
  }

  private capturedBrokerToken(): string {
    if (!this.broker) {
      throw new Error(`${this.node.path}: the integration is not brokered (broker: false), so it has no Broker token`);
    }
    this.capturedToken ??= this.resource.brokerToken;
    return this.capturedToken;
  }

  private validateProps(): string[] {
    if (Token.isUnresolved(this.type)) return [];
    if (!isIntegrationType(this.type)) {
      return credentialProblems(this.type, []).map((problem) => problem.message);
    }
    if (!this.credentials) {
      return this.broker ? [] : [`A ${this.type} integration without a broker (broker: false) needs credentials`];
    }
    return credentialProblems(this.type, this.credentials.fieldNames).map((problem) => problem.message);
  }
}

class ImportedIntegration extends Construct implements IIntegration {
  public readonly integrationId: string;
  public readonly organization: IOrganization;
  public readonly type: string;
  public readonly tokenFamily: TokenFamily;

  public constructor(scope: Construct, id: string, attributes: IntegrationAttributes) {
    super(scope, id);
    this.integrationId = attributes.integrationId;
    this.type = attributes.type;
    this.organization = Organization.fromOrganizationId(this, 'Organization', attributes.organizationId);
    this.tokenFamily = new TokenFamily(() => {
      throw new Error(`${this.node.path}: the Broker token of an existing integration cannot be read back from Snyk; call rotateBrokerToken() to provision one`);
    });
    this.tokenFamily.addMember(this);
  }

  public get brokerToken(): string {
    return this.tokenFamily.currentToken;
  }

  public cloneTo(organization: IOrganization, options: CloneToOptions = {}): IntegrationClone {
    return new IntegrationClone(this, options.id ?? cloneId(organization), { source: this, destination: organization });
  }

  public rotateBrokerToken(options: RotateBrokerTokenOptions): BrokerToken {
    return rotateBrokerToken(this, options);
  }
}

function settingsAttribute(settings: IntegrationSettingsProps): IntegrationSettings {
  return {
    autoDepUpgradeEnabled: settings.autoDepUpgradeEnabled,
    autoDepUpgradeLimit: settings.autoDepUpgradeLimit,
    autoDepUpgradeIgnoredDependencies: settings.autoDepUpgradeIgnoredDependencies ? [...settings.autoDepUpgradeIgnoredDependencies] : undefined,
    autoDepUpgradeMinAge: settings.autoDepUpgradeMinAge,
    pullRequestTestEnabled: settings.pullRequestTestEnabled,
    pullRequestFailOnAnyVulns: settings.pullRequestFailOnAnyVulns,
    pullRequestFailOnlyForHighSeverity: settings.pullRequestFailOnlyForHighSeverity,
    dockerfileScmEnabled: settings.dockerfileScmEnabled,
  };
}
