/**
 * Caches each organization's integration type map (type -> integration id) for the life of the provider process.
 * Snyk has no call that reads one integration by id, so every integration read needs the map; Terraform refreshes many
 * integrations of one org concurrently, and this makes that one call per org. Writes invalidate the org's entry.
 */
export class IntegrationTypeMapCache {
  private readonly entries = new Map<string, Promise<Record<string, string>>>();

  constructor(private readonly load: (orgId: string) => Promise<Record<string, string>>) {}

  get(orgId: string): Promise<Record<string, string>> {
    let entry = this.entries.get(orgId);
    if (!entry) {
      entry = this.load(orgId);
      this.entries.set(orgId, entry);
      // A failed call is not cached: the next read tries again.
      entry.catch(() => this.entries.delete(orgId));
    }
    return entry;
  }

  invalidate(orgId: string): void {
    this.entries.delete(orgId);
  }
}
