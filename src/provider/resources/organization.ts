import { Organization, SnykApiError } from '../../snyk';
import { attr, DiagnosticError, defineResource, noSurroundingWhitespace, notBlank, requiresReplace, stringLengthAtMost, useStateForUnknown, uuid } from '../framework';
import { SnykProviderContext } from '../snyk-context';
import { isNotFound } from './snyk-errors';
import { configuredOrUndefined, known } from './known';

export interface OrganizationModel {
  id: string | null;
  name: string;
  group_id: string | null;
  source_organization_id: string | null;
  slug: string | null;
  url: string | null;
}

/** Snyk's REST API takes organization names of 1 to 60 characters (`minLength`/`maxLength` in its spec). */
const ORG_NAME_MAX_LENGTH = 60;

function toModel(org: Organization, prior: { source_organization_id: string | null; group_id: string | null }): OrganizationModel {
  return {
    id: org.id,
    name: org.name,
    group_id: org.groupId ?? prior.group_id,
    source_organization_id: prior.source_organization_id,
    slug: org.slug,
    url: org.url,
  };
}

function orgWithProjectsError(error: SnykApiError, orgId: string): DiagnosticError {
  return new DiagnosticError(
    'Snyk refused to delete the organization',
    `${error.message}\nSnyk deletes only organizations without projects. Delete or move the projects of organization ${orgId} ` +
      'in Snyk first, or keep the organization and remove it from Terraform with `terraform state rm`.',
  );
}

/** `snyk_organization`: a Snyk organization, created through v1 and read and renamed through REST. */
export const organizationResource = defineResource<OrganizationModel, SnykProviderContext>({
  typeName: 'snyk_organization',
  description:
    'A Snyk organization. Created with the v1 API (optionally in a group and copied from a source organization), ' +
    'read and renamed with the REST API. Import with `terraform import snyk_organization.NAME ORG_ID`.',
  attributes: {
    id: attr.string({ computed: true, description: 'The organization ID (a UUID).', planModifiers: [useStateForUnknown()] }),
    name: attr.string({
      required: true,
      description: `Display name, 1 to ${ORG_NAME_MAX_LENGTH} characters. Renamed in place. Names need not be unique; slugs are.`,
      validators: [notBlank(), noSurroundingWhitespace(), stringLengthAtMost(ORG_NAME_MAX_LENGTH)],
    }),
    group_id: attr.string({
      optional: true,
      computed: true,
      description: 'The Snyk group to create the organization in. Changing it creates a new organization.',
      validators: [uuid()],
      planModifiers: [useStateForUnknown(), requiresReplace()],
    }),
    source_organization_id: attr.string({
      optional: true,
      description:
        'Create the organization as a copy of this one (same group): Snyk copies its integrations with their settings and ' +
        'credentials, and a brokered integration keeps the **same Broker token** (the copy joins its token family). ' +
        'Members, projects and service accounts are not copied. Changing it creates a new organization.',
      validators: [uuid()],
      planModifiers: [requiresReplace()],
    }),
    slug: attr.string({ computed: true, description: 'The unique URL-safe name Snyk derived from the name.', planModifiers: [useStateForUnknown()] }),
    url: attr.string({ computed: true, description: 'The organization in the Snyk web UI.', planModifiers: [useStateForUnknown()] }),
  },

  async create({ plan, provider }) {
    const created = await provider.client.createOrg({
      name: known(plan.name, 'name'),
      groupId: configuredOrUndefined(plan.group_id),
      sourceOrgId: known(plan.source_organization_id, 'source_organization_id') ?? undefined,
    });
    provider.orgs.invalidate(created.groupId);
    provider.visibleOrgs.invalidate();
    // The v1 answer carries id, name, slug, url and group: nothing is left to read back.
    return toModel(created, { source_organization_id: known(plan.source_organization_id, 'source_organization_id'), group_id: null });
  },

  async read({ state, provider }) {
    // Through the group's listing (one call per 100 orgs, shared by the process), else by id through REST.
    const org = await provider.orgs.read(known(state.id, 'id') as string, state.group_id);
    return org ? toModel({ ...org, url: state.url ?? org.url, slug: org.slug || (state.slug ?? '') }, state) : null;
  },

  async update({ plan, prior, provider }) {
    const id = prior.id as string;
    const renamed = await provider.client.renameOrg(id, known(plan.name, 'name'));
    provider.orgs.invalidate(prior.group_id);
    provider.visibleOrgs.invalidate();
    return toModel({ ...renamed, url: prior.url ?? renamed.url, slug: renamed.slug || (prior.slug ?? '') }, prior);
  },

  async delete({ state, provider }) {
    const id = state.id as string;
    provider.orgs.invalidate(state.group_id);
    try {
      await provider.client.deleteOrg(id);
      provider.visibleOrgs.invalidate();
    } catch (error) {
      if (isNotFound(error)) return;
      if (error instanceof SnykApiError && error.status === 409) throw orgWithProjectsError(error, id);
      throw error;
    }
  },

  async importState({ id }) {
    const problem = uuid().validate(id);
    if (problem) throw new DiagnosticError('Invalid import ID', `Import a snyk_organization by its organization ID. ${problem}`);
    return { id };
  },
});
