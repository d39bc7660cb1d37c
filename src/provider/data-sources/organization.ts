import { Organization } from '../../snyk';
import { attr, DiagnosticError, defineDataSource, notBlank, regex, uuid } from '../framework';
import { isUnknown } from '../plugin/unknown';
import { SnykProviderContext } from '../snyk-context';

export interface OrganizationDataModel {
  id: string | null;
  slug: string | null;
  name: string | null;
  group_id: string | null;
  url: string | null;
}

/** `data "snyk_organization"`: an existing organization, by ID or by slug. */
export const organizationDataSource = defineDataSource<OrganizationDataModel, SnykProviderContext>({
  typeName: 'snyk_organization',
  description: 'Looks up an existing Snyk organization by `id` or by `slug` (set exactly one).',
  attributes: {
    id: attr.string({ optional: true, computed: true, description: 'The organization ID (a UUID).', validators: [uuid()] }),
    slug: attr.string({
      optional: true,
      computed: true,
      description: 'The organization slug, as in its web UI address: lowercase letters, digits and dashes.',
      validators: [notBlank(), regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a slug as in the web UI address: lowercase letters, digits and single dashes, e.g. my-org')],
    }),
    name: attr.string({ computed: true, description: 'Display name.' }),
    group_id: attr.string({ computed: true, description: 'The group the organization belongs to (null for a personal org).' }),
    url: attr.string({ computed: true, description: 'The organization in the Snyk web UI.' }),
  },

  validateConfig({ config, diagnostics }) {
    if (isUnknown(config.id) || isUnknown(config.slug)) return;
    if ((config.id === null) === (config.slug === null)) {
      diagnostics.addError([], 'Set exactly one of id and slug', 'Look an organization up either by its `id` or by its `slug`.');
    }
  },

  async read({ config, provider }) {
    let org: Organization | undefined;
    if (config.id) {
      org = await provider.client.getOrg(config.id);
    } else {
      org = await provider.visibleOrgs.find((candidate) => candidate.slug === config.slug);
    }
    if (!org) {
      const key = config.id ? ['id', config.id] : ['slug', config.slug];
      throw new DiagnosticError('Organization not found', `No organization visible to this API key has ${key[0]} "${key[1]}".`, [key[0] as string]);
    }
    return { id: org.id, slug: org.slug, name: org.name, group_id: org.groupId ?? null, url: org.url };
  },
});
