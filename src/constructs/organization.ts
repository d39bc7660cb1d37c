import { Construct, IConstruct } from 'constructs';
import { DataSnykOrganization } from '../generated/data-snyk-organization';
import { Organization as OrganizationResource } from '../generated/organization';
import { Aspects, IAspect, ITerraformDependable, dependable } from './core';
import { SnykProvider } from './provider';

/** A Snyk organization, declared in this app or existing already. */
export interface IOrganization extends IConstruct {
  /** The organization's id (a deploy-time reference for an organization declared in this app). */
  readonly organizationId: string;
}

/** Properties of a new Snyk organization. */
export interface OrganizationProps {
  /** The organization's name; changing it renames the organization in place. */
  readonly name: string;
  /**
   * The group to create the organization in; changing it replaces the organization.
   * @default the group of `sourceOrganization`, else the API key's default group
   */
  readonly groupId?: string;
  /**
   * An organization to copy at creation: its integrations (with their credentials and Broker tokens, so the new
   * organization joins their token families), policies and settings. Changing it replaces the organization.
   * @default none: an empty organization
   */
  readonly sourceOrganization?: IOrganization;
  /**
   * The provider configuration to use.
   * @default the default `snyk` provider configuration
   */
  readonly provider?: SnykProvider;
}

const integrationsByOrganization = new WeakMap<IOrganization, ITerraformDependable[]>();

/**
 * Records that `integration` lives in `organization`, so that organizations created from it as a source wait for it
 * (Snyk copies only the integrations that exist at creation).
 */
export function trackIntegration(organization: IOrganization, integration: ITerraformDependable): void {
  integrationsByOrganization.set(organization, [...(integrationsByOrganization.get(organization) ?? []), integration]);
}

/** A Snyk organization (`snyk_organization`). */
export class Organization extends Construct implements IOrganization {
  /** An existing organization, by id. Declares no resource. */
  public static fromOrganizationId(scope: Construct, id: string, organizationId: string): IOrganization {
    return new ImportedOrganization(scope, id, organizationId);
  }

  /** An existing organization, looked up by slug at plan time (`snyk_organization` data source). */
  public static fromOrganizationSlug(scope: Construct, id: string, slug: string): IOrganization {
    const lookup = new Construct(scope, id);
    const data = new DataSnykOrganization(lookup, 'Lookup', { slug });
    return new ImportedOrganization(lookup, 'Organization', data.id);
  }

  /** The L1 resource. */
  public readonly resource: OrganizationResource;
  public readonly organizationId: string;
  /** The organization's slug (known after deploy). */
  public readonly slug: string;
  /** The organization's URL in the Snyk web UI (known after deploy). */
  public readonly url: string;
  /** The organization's group id (known after deploy). */
  public readonly groupId: string;

  public constructor(scope: Construct, id: string, props: OrganizationProps) {
    super(scope, id);
    this.resource = new OrganizationResource(this, 'Resource', {
      name: props.name,
      groupId: props.groupId,
      sourceOrganizationId: props.sourceOrganization?.organizationId,
      provider: props.provider?.resource,
    });
    this.node.defaultChild = this.resource;
    this.organizationId = this.resource.id;
    this.slug = this.resource.slug;
    this.url = this.resource.url;
    this.groupId = this.resource.groupId;
    if (props.sourceOrganization) {
      Aspects.of(this).add(new WaitForSourceIntegrations(this.resource, props.sourceOrganization));
    }
  }
}

class ImportedOrganization extends Construct implements IOrganization {
  public constructor(scope: Construct, id: string, public readonly organizationId: string) {
    super(scope, id);
  }
}

/** Makes an organization created from a source depend on the source's integrations declared anywhere in the app. */
class WaitForSourceIntegrations implements IAspect {
  public constructor(
    private readonly resource: OrganizationResource,
    private readonly source: IOrganization,
  ) {}

  public visit(node: IConstruct): void {
    if (node !== this.resource) return;
    const integrations = (integrationsByOrganization.get(this.source) ?? []).map((integration) => dependable(integration));
    const current = this.resource.dependsOn ?? [];
    this.resource.dependsOn = [...current, ...integrations.filter((fqn) => !current.includes(fqn))];
  }
}
