import { Organization } from '../snyk';

/**
 * The organizations the API key sees (`GET /v1/orgs`), listed once for the life of the provider process (like the
 * type-map and group-listing caches): every `data "snyk_organization"` looked up by slug, and every search for the
 * org a Broker App is installed in, shares one listing instead of making a call each. Concurrent lookups share one
 * call. A lookup that misses lists again once (the org may have been created since), and writes to organizations
 * invalidate the listing.
 */
export class VisibleOrganizationsCache {
  private listing: Promise<readonly Organization[]> | undefined;

  constructor(private readonly listOrgs: () => Promise<Organization[]>) {}

  /** Every organization the key sees. */
  all(): Promise<readonly Organization[]> {
    return this.current().promise;
  }

  /** The first organization that matches, listing again once when the shared listing has none. */
  async find(matches: (org: Organization) => boolean): Promise<Organization | undefined> {
    const { promise, fresh } = this.current();
    const found = (await promise).find(matches);
    if (found || fresh) return found;
    this.invalidate();
    return (await this.current().promise).find(matches);
  }

  /** Forgets the listing, after an organization was created, renamed or deleted. */
  invalidate(): void {
    this.listing = undefined;
  }

  private current(): { promise: Promise<readonly Organization[]>; fresh: boolean } {
    if (this.listing) return { promise: this.listing, fresh: false };
    const promise = this.listOrgs();
    this.listing = promise;
    // A failed call is not cached: the next lookup tries again.
    promise.catch(() => {
      if (this.listing === promise) this.listing = undefined;
    });
    return { promise, fresh: true };
  }
}
