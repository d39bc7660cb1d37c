import { Organization } from '../snyk';
import { LoadCache } from './load-cache';

/** The one key of the listing: the key sees one set of organizations. */
const ALL = 'all';

/**
 * The organizations the API key sees (`GET /v1/orgs`), listed once for the life of the provider process (like the
 * type-map and group-listing caches): every `data "snyk_organization"` looked up by slug, and every search for the
 * org a Broker App is installed in, shares one listing instead of making a call each. Concurrent lookups share one
 * call. A lookup that misses lists again once (the org may have been created since), and writes to organizations
 * invalidate the listing.
 */
export class VisibleOrganizationsCache {
  private readonly listing: LoadCache<readonly Organization[]>;

  constructor(listOrgs: () => Promise<Organization[]>) {
    this.listing = new LoadCache(() => listOrgs());
  }

  /** Every organization the key sees. */
  all(): Promise<readonly Organization[]> {
    return this.listing.get(ALL);
  }

  /** The first organization that matches, listing again once when the shared listing has none. */
  async find(matches: (org: Organization) => boolean): Promise<Organization | undefined> {
    const fresh = !this.listing.has(ALL);
    const found = (await this.all()).find(matches);
    if (found || fresh) return found;
    this.invalidate();
    return (await this.all()).find(matches);
  }

  /** Forgets the listing, after an organization was created, renamed or deleted. */
  invalidate(): void {
    this.listing.invalidate(ALL);
  }
}
