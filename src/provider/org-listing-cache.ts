import { Organization, SnykApiError } from '../snyk';
import { LoadCache } from './load-cache';

/** Statuses that mean "this key may not list the group" rather than "something broke": read org by org instead. */
const LISTING_NOT_ALLOWED = new Set([401, 403, 404]);

/** How organizations are read: a group's listing, and the per-org REST read for everything else. */
export interface OrganizationReads {
  /** `GET /v1/group/{groupId}/orgs`, every page. */
  listGroupOrgs(groupId: string): Promise<Organization[]>;
  /** `GET /rest/orgs/{orgId}`; undefined when Snyk answers 404. */
  getOrg(orgId: string): Promise<Organization | undefined>;
}

/**
 * Reads organizations through their group's listing, once per group for the life of the provider process (like the
 * type-map cache): a refresh of N orgs in one group costs N/100 calls instead of N REST reads. Concurrent reads of
 * orgs of one group share one listing.
 *
 * When the listing does not hold the org, it was deleted or moved to another group: the org is read by id through
 * REST, which tells the two apart (404: gone; else the org with its new group). When the key may not list the group
 * (401, 403 or 404 on the listing), every org of that group is read by id. Writes invalidate the group's listing.
 */
export class OrganizationListingCache {
  private readonly listings = new LoadCache((groupId) => this.load(groupId));

  constructor(private readonly reads: OrganizationReads) {}

  /** The organization as Snyk has it now, or undefined when it no longer exists. */
  async read(orgId: string, groupId: string | null | undefined): Promise<Organization | undefined> {
    const listed = groupId ? (await this.listings.get(groupId))?.get(orgId) : undefined;
    return listed ?? this.reads.getOrg(orgId);
  }

  /** Forgets the group's listing, after a change to its organizations. */
  invalidate(groupId: string | null | undefined): void {
    if (groupId) this.listings.invalidate(groupId);
  }

  private async load(groupId: string): Promise<ReadonlyMap<string, Organization> | undefined> {
    try {
      const orgs = await this.reads.listGroupOrgs(groupId);
      return new Map(orgs.map((org) => [org.id, { ...org, groupId: org.groupId ?? groupId }]));
    } catch (error) {
      if (error instanceof SnykApiError && error.status !== undefined && LISTING_NOT_ALLOWED.has(error.status)) return undefined;
      throw error;
    }
  }
}
