import { randomUUID } from 'node:crypto';
import { BehaviorName, BehaviorSet } from './behaviors';
import { ApiError, badRequest, conflict, notFound, unprocessable } from './errors';
import { defaultSettings } from './integration-types';
import { EmulatorState, GroupRecord, IntegrationRecord, IntegrationSettings, OrgRecord, TokenFamilyRecord } from './state';

/** The behaviours that set the status of a refusal. */
type StatusBehavior = Extract<BehaviorName, `${string}-status`>;

/** What a new integration is given: credentials, or the broker. */
export interface NewIntegration {
  type: string;
  credentials?: Record<string, string>;
  brokered: boolean;
}

/** The three kinds of integration update Snyk's PUT accepts. */
export type IntegrationUpdate =
  | { kind: 'enable-broker' }
  | { kind: 'update-credentials'; credentials: Record<string, string> }
  | { kind: 'disable-broker'; credentials: Record<string, string> };

/** A page of a group's orgs. */
export interface OrgPageQuery {
  perPage: number;
  page: number;
  namePrefix?: string;
}

/**
 * The emulated Snyk world and every operation on it. Operations are synchronous, so concurrent requests never
 * interleave inside one; `revision` grows with each change so the server knows when to persist.
 */
export class EmulatorModel {
  private revisionCounter = 0;

  constructor(
    private readonly data: EmulatorState,
    private readonly behaviors: BehaviorSet = new BehaviorSet(),
  ) {}

  /** Grows by one on every change. */
  get revision(): number {
    return this.revisionCounter;
  }

  /** A deep copy of the whole state. */
  snapshot(): EmulatorState {
    return structuredClone(this.data);
  }

  get user(): EmulatorState['user'] {
    return { ...this.data.user };
  }

  get defaultGroupId(): string {
    const first = this.data.groups[0];
    if (first === undefined) {
      throw new Error('the emulator state has no group');
    }
    return first.id;
  }

  // ---- groups and orgs

  createGroup(name: string): GroupRecord {
    const group: GroupRecord = { id: randomUUID(), name, created: new Date().toISOString() };
    this.data.groups.push(group);
    this.changed();
    return { ...group };
  }

  group(groupId: string): GroupRecord {
    const group = this.data.groups.find((candidate) => candidate.id === groupId);
    if (group === undefined) {
      throw notFound(`Group ${groupId} was not found`);
    }
    return { ...group };
  }

  orgs(): OrgRecord[] {
    return this.data.orgs.map((org) => ({ ...org }));
  }

  org(orgId: string): OrgRecord {
    return { ...this.findOrg(orgId) };
  }

  /** Creates an org; with `sourceOrgId` it copies the source's integrations, brokered ones into the source's token family. */
  createOrg(request: { name: string; groupId?: string; sourceOrgId?: string }): OrgRecord {
    if (request.groupId !== undefined && !this.data.groups.some((group) => group.id === request.groupId)) {
      throw unprocessable(`Group ${request.groupId} does not exist or the key has no access to it`);
    }
    const source = request.sourceOrgId === undefined ? undefined : this.data.orgs.find((org) => org.id === request.sourceOrgId);
    if (request.sourceOrgId !== undefined && source === undefined) {
      throw unprocessable(`Source organization ${request.sourceOrgId} does not exist or the key has no access to it`);
    }
    const groupId = request.groupId ?? source?.groupId ?? null;
    if (source !== undefined && (source.groupId === null || source.groupId !== groupId)) {
      throw unprocessable('The source organization must be in the same group as the new organization');
    }
    const org: OrgRecord = {
      id: randomUUID(),
      name: request.name,
      slug: this.uniqueSlug(request.name),
      groupId,
      created: new Date().toISOString(),
      projects: 0,
    };
    this.data.orgs.push(org);
    if (source !== undefined) {
      this.integrationsOf(source.id).forEach((integration) => this.copyIntegration(integration, org.id));
    }
    this.changed();
    return { ...org };
  }

  deleteOrg(orgId: string): void {
    const org = this.findOrg(orgId);
    if (org.projects > 0) {
      throw this.refusal(
        'org-delete-with-projects-status',
        `Organization ${orgId} has ${org.projects} project(s); only organizations without projects can be deleted`,
      );
    }
    this.data.orgs = this.data.orgs.filter((candidate) => candidate.id !== orgId);
    this.data.integrations = this.data.integrations.filter((integration) => integration.orgId !== orgId);
    this.dropEmptyFamilies();
    this.changed();
  }

  renameOrg(orgId: string, name: string): OrgRecord {
    const org = this.findOrg(orgId);
    org.name = name;
    this.changed();
    return { ...org };
  }

  addProject(orgId: string): void {
    this.findOrg(orgId).projects += 1;
    this.changed();
  }

  /** One page of a group's orgs (pages count from 1), in creation order. */
  groupOrgs(groupId: string, query: OrgPageQuery): OrgRecord[] {
    this.group(groupId);
    const prefix = query.namePrefix?.toLowerCase();
    const matching = this.data.orgs.filter(
      (org) => org.groupId === groupId && (prefix === undefined || org.name.toLowerCase().startsWith(prefix)),
    );
    const start = (query.page - 1) * query.perPage;
    return matching.slice(start, start + query.perPage).map((org) => ({ ...org }));
  }

  // ---- integrations

  integrationTypeMap(orgId: string): Record<string, string> {
    this.findOrg(orgId);
    return Object.fromEntries(this.integrationsOf(orgId).map((integration) => [integration.type, integration.id]));
  }

  integration(orgId: string, integrationId: string): IntegrationRecord {
    return structuredClone(this.findIntegration(orgId, integrationId));
  }

  integrationByType(orgId: string, type: string): IntegrationRecord {
    this.findOrg(orgId);
    const integration = this.integrationsOf(orgId).find((candidate) => candidate.type === type);
    if (integration === undefined) {
      throw this.refusal('integration-by-type-missing-status', `Organization ${orgId} has no ${type} integration`);
    }
    return structuredClone(integration);
  }

  /**
   * Adds an integration; a brokered one starts a new token family. Snyk's spec answers `{id}` only; the token is
   * included when the `integration-post-broker-token` behaviour says so.
   */
  addIntegration(orgId: string, request: NewIntegration): { id: string; brokerToken?: string } {
    this.findOrg(orgId);
    this.refuseDuplicateType(orgId, request.type);
    const integration: IntegrationRecord = {
      id: randomUUID(),
      orgId,
      type: request.type,
      tokenFamilyId: null,
      credentials: request.credentials ?? null,
      settings: defaultSettings(),
      explicitSettings: [],
    };
    this.data.integrations.push(integration);
    const brokerToken = request.brokered ? this.joinNewFamily(integration).token : undefined;
    this.changed();
    const answerToken = brokerToken !== undefined && this.behaviors.get('integration-post-broker-token') === 'include';
    return answerToken ? { id: integration.id, brokerToken } : { id: integration.id };
  }

  updateIntegration(orgId: string, integrationId: string, type: string, update: IntegrationUpdate): { id: string; brokerToken?: string } {
    const integration = this.findIntegration(orgId, integrationId);
    if (integration.type !== type) {
      throw badRequest(`Integration ${integrationId} is of type ${integration.type}, not ${type}`);
    }
    switch (update.kind) {
      case 'enable-broker':
        return { id: integration.id, brokerToken: this.enableBroker(integration) };
      case 'update-credentials':
        if (integration.tokenFamilyId !== null) {
          throw this.refusal(
            'credentials-on-brokered-status',
            'Credentials of a brokered integration cannot be updated; disable the broker with credentials instead',
          );
        }
        integration.credentials = { ...update.credentials };
        break;
      case 'disable-broker':
        integration.tokenFamilyId = null;
        integration.credentials = { ...update.credentials };
        this.dropEmptyFamilies();
        break;
    }
    this.changed();
    // Snyk's spec requires `brokerToken` in every PUT answer; here it is a token of nothing, which no client may keep.
    return this.behaviors.get('integration-put-answer') === 'id-and-token' ? { id: integration.id, brokerToken: randomUUID() } : { id: integration.id };
  }

  /** Brokers the integration and returns the family's token; on a brokered one, as `broker-reenable` says. */
  private enableBroker(integration: IntegrationRecord): string {
    if (integration.tokenFamilyId === null) {
      const family = this.joinNewFamily(integration);
      this.changed();
      return family.token;
    }
    const family = this.findFamily(integration.tokenFamilyId);
    switch (this.behaviors.get('broker-reenable')) {
      case 'refuse':
        throw conflict(`The broker is already enabled on integration ${integration.id}`);
      case 'new-token':
        family.token = randomUUID();
        this.changed();
        return family.token;
      case 'same-token':
        return family.token;
    }
  }

  /** Removes the credentials; no effect on a brokered integration. */
  deleteCredentials(orgId: string, integrationId: string): void {
    const integration = this.findIntegration(orgId, integrationId);
    if (integration.tokenFamilyId === null) {
      integration.credentials = null;
      this.changed();
    }
  }

  /** Issues a provisional token for the integration's whole family. */
  provisionToken(orgId: string, integrationId: string): { id: string; provisionalBrokerToken: string } {
    const family = this.brokeredFamily(orgId, integrationId);
    if (this.provisionalBlocks(orgId, family)) {
      const where = this.behaviors.get('provision-conflict-scope') === 'group' ? 'in this group' : 'sharing its token';
      throw this.refusal('provision-conflict-status', `A provisional Broker token is already provisioned for this integration or another ${where}`);
    }
    family.provisionalToken = randomUUID();
    this.changed();
    return { id: integrationId, provisionalBrokerToken: family.provisionalToken };
  }

  /** Makes the provisional token the one in use, for every integration of the family. */
  switchToken(orgId: string, integrationId: string): void {
    const family = this.brokeredFamily(orgId, integrationId);
    if (family.provisionalToken === null) {
      throw this.refusal('switch-without-provisional-status', 'No provisional Broker token is provisioned for this integration or another sharing its token');
    }
    family.token = family.provisionalToken;
    family.provisionalToken = null;
    this.changed();
  }

  /** Copies an integration to another org of the same group; a brokered copy shares the source's token. */
  cloneIntegration(orgId: string, integrationId: string, destinationOrgId: string): { newIntegrationId: string } {
    const source = this.findIntegration(orgId, integrationId);
    const sourceOrg = this.findOrg(orgId);
    const destination = this.data.orgs.find((org) => org.id === destinationOrgId);
    if (destination === undefined) {
      throw notFound(`Destination organization ${destinationOrgId} was not found`);
    }
    if (sourceOrg.groupId === null || destination.groupId !== sourceOrg.groupId) {
      throw this.refusal('clone-across-groups-status', 'Integrations can only be cloned to an organization in the same group');
    }
    this.refuseDuplicateType(destination.id, source.type);
    const copy = this.copyIntegration(source, destination.id);
    this.changed();
    return { newIntegrationId: copy.id };
  }

  /** The settings as `GET .../settings` answers them (only the ones set, under `settings-get-omits-unset: yes`). */
  settings(orgId: string, integrationId: string): IntegrationSettings {
    return this.settingsView(this.findIntegration(orgId, integrationId));
  }

  updateSettings(orgId: string, integrationId: string, partial: IntegrationSettings): IntegrationSettings {
    const integration = this.findIntegration(orgId, integrationId);
    integration.settings = { ...integration.settings, ...structuredClone(partial) };
    integration.explicitSettings = [...new Set([...(integration.explicitSettings ?? []), ...Object.keys(partial)])];
    this.changed();
    return this.settingsView(integration);
  }

  private settingsView(integration: IntegrationRecord): IntegrationSettings {
    const settings = structuredClone(integration.settings);
    if (this.behaviors.get('settings-get-omits-unset') === 'no') {
      return settings;
    }
    const explicit = new Set(integration.explicitSettings ?? []);
    return Object.fromEntries(Object.entries(settings).filter(([name]) => explicit.has(name)));
  }

  // ---- internals

  private changed(): void {
    this.revisionCounter += 1;
  }

  private findOrg(orgId: string): OrgRecord {
    const org = this.data.orgs.find((candidate) => candidate.id === orgId);
    if (org === undefined) {
      throw notFound(`Organization ${orgId} was not found`);
    }
    return org;
  }

  private findIntegration(orgId: string, integrationId: string): IntegrationRecord {
    this.findOrg(orgId);
    const integration = this.data.integrations.find((candidate) => candidate.id === integrationId && candidate.orgId === orgId);
    if (integration === undefined) {
      throw notFound(`Integration ${integrationId} was not found in organization ${orgId}`);
    }
    return integration;
  }

  private findFamily(familyId: string): TokenFamilyRecord {
    const family = this.data.tokenFamilies.find((candidate) => candidate.id === familyId);
    if (family === undefined) {
      throw new Error(`emulator state is inconsistent: token family ${familyId} is missing`);
    }
    return family;
  }

  private brokeredFamily(orgId: string, integrationId: string): TokenFamilyRecord {
    const integration = this.findIntegration(orgId, integrationId);
    if (integration.tokenFamilyId === null) {
      throw badRequest(`Integration ${integrationId} is not brokered`);
    }
    return this.findFamily(integration.tokenFamilyId);
  }

  private integrationsOf(orgId: string): IntegrationRecord[] {
    return this.data.integrations.filter((integration) => integration.orgId === orgId);
  }

  private refuseDuplicateType(orgId: string, type: string): void {
    if (this.integrationsOf(orgId).some((integration) => integration.type === type)) {
      throw this.refusal('integration-duplicate-type-status', `Organization ${orgId} already has a ${type} integration`);
    }
  }

  /** An error with the status a status behaviour says. */
  private refusal(behavior: StatusBehavior, message: string): ApiError {
    return new ApiError(this.behaviors.status(behavior), message);
  }

  /** Whether a provisional token outstanding in the family (or, by `provision-conflict-scope`, the group) blocks another. */
  private provisionalBlocks(orgId: string, family: TokenFamilyRecord): boolean {
    if (family.provisionalToken !== null) {
      return true;
    }
    const groupId = this.findOrg(orgId).groupId;
    if (this.behaviors.get('provision-conflict-scope') !== 'group' || groupId === null) {
      return false;
    }
    const groupOrgs = new Set(this.data.orgs.filter((org) => org.groupId === groupId).map((org) => org.id));
    const groupFamilies = new Set(this.data.integrations.filter((integration) => groupOrgs.has(integration.orgId)).map((integration) => integration.tokenFamilyId));
    return this.data.tokenFamilies.some((candidate) => groupFamilies.has(candidate.id) && candidate.provisionalToken !== null);
  }

  private joinNewFamily(integration: IntegrationRecord): TokenFamilyRecord {
    const family: TokenFamilyRecord = { id: randomUUID(), token: randomUUID(), provisionalToken: null };
    this.data.tokenFamilies.push(family);
    integration.tokenFamilyId = family.id;
    return family;
  }

  /** A brokered source puts the copy in its family; an unbrokered one lends it its credentials. */
  private copyIntegration(source: IntegrationRecord, orgId: string): IntegrationRecord {
    const copy: IntegrationRecord = { ...structuredClone(source), id: randomUUID(), orgId };
    this.data.integrations.push(copy);
    return copy;
  }

  private dropEmptyFamilies(): void {
    const used = new Set(this.data.integrations.map((integration) => integration.tokenFamilyId));
    this.data.tokenFamilies = this.data.tokenFamilies.filter((family) => used.has(family.id));
  }

  private uniqueSlug(name: string): string {
    const base =
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'org';
    const taken = new Set(this.data.orgs.map((org) => org.slug));
    let slug = base;
    for (let suffix = 2; taken.has(slug); suffix += 1) {
      slug = `${base}-${suffix}`;
    }
    return slug;
  }
}
