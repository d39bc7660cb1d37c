import { DEFAULT_BROKER_APP_ID } from '../../../snyk/universal-broker';
import { attr, Attribute, DiagnosticError, defineResource, Diagnostics, mapKeys, notBlank, oneOf, PartialResultError, requiresReplace, types, useStateForUnknown, uuid } from '../../framework';
import { valuesEqual } from '../../framework/values';
import { isUnknown, Unknown } from '../../plugin/unknown';
import { SnykProviderContext } from '../../snyk-context';
import { ORGANIZATION_ID } from '../descriptions';
import { known } from '../known';
import { parseImportId } from './import-id';
import { isNotFound, isRefusedDelete } from '../snyk-errors';
import { ubClient } from './ub-client';

export type SecretRotationMode = 'create' | 'replace';

export interface AppInstallModel {
  id: string | null;
  organization_id: string;
  app_id: string | null;
  client_id: string | null;
  client_secret: string | null;
  previous_client_secret: string | null;
  secret_rotation_triggers: Record<string, string> | null;
  secret_rotation_mode: SecretRotationMode | null;
  retire_previous_secret: boolean | null;
}

const ROTATION_MODES: readonly SecretRotationMode[] = ['create', 'replace'];

function rotationRefused(cause: unknown, state: AppInstallModel): PartialResultError<AppInstallModel> {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new PartialResultError(
    state,
    new DiagnosticError(
      'Snyk refused to add a second client secret',
      `${reason}\nThe secret in use is unchanged. Either retire the previous secret first (retire_previous_secret = true), or rotate with ` +
        'secret_rotation_mode = "replace": running broker clients then stop until restarted with the new client_secret.',
      ['secret_rotation_mode'],
    ),
  );
}

function warnRotation(plan: { secret_rotation_mode: unknown }, prior: AppInstallModel, diagnostics: Diagnostics): void {
  if (plan.secret_rotation_mode === 'replace') {
    diagnostics.addWarning(
      ['secret_rotation_triggers'],
      'Client secret replaced: running broker clients stop',
      `Rotating with secret_rotation_mode = "replace" deactivates the current secret of Broker App install ${prior.id} at once: every broker ` +
        'client using it stops working until restarted with the new client_secret. Use "create" to rotate without downtime.',
    );
    return;
  }
  if (prior.previous_client_secret !== null) {
    diagnostics.addWarning(
      ['secret_rotation_triggers'],
      'The secret from before the last rotation is deleted',
      `Broker App install ${prior.id} keeps at most two secrets: this rotation deletes the one in previous_client_secret first. Broker clients ` +
        'still using it stop working.',
    );
  }
  if (prior.client_secret === null) {
    diagnostics.addWarning(
      ['secret_rotation_triggers'],
      'The secret in use is not known to Terraform',
      'This install was imported, so Terraform never saw its secret: the new secret is added, and the old one stays valid in Snyk until a ' +
        '"replace" rotation.',
    );
  }
}

/** `snyk_app_install`: the Broker App installed in an org, with its client secret captured at creation and rotated in place. */
export const appInstallResource = defineResource<AppInstallModel, SnykProviderContext>({
  typeName: 'snyk_app_install',
  description:
    'A Snyk App installed in an organization; by default the **Broker App** that Universal Broker clients authenticate as. Snyk returns the ' +
    'client secret only when the app is installed, so it is captured in `client_secret` then (null after an import). Change a value in ' +
    '`secret_rotation_triggers` to rotate the secret: by default without downtime (a second secret is added and the old one stays valid in ' +
    '`previous_client_secret` until `retire_previous_secret = true` deletes it, after the broker clients have restarted). ' +
    'Import with `terraform import snyk_app_install.NAME ORGANIZATION_ID/INSTALL_ID`.',
  attributes: {
    id: attr.string({ computed: true, description: 'The install ID (a UUID): `app_install_id` of the broker resources.', planModifiers: [useStateForUnknown()] }),
    organization_id: attr.string({
      required: true,
      description: `${ORGANIZATION_ID} Snyk installs the Broker App at organization level only; use a dedicated admin organization. Changing it installs anew.`,
      validators: [uuid()],
      planModifiers: [requiresReplace()],
    }),
    app_id: attr.string({
      optional: true,
      default: DEFAULT_BROKER_APP_ID,
      description:
        `The Snyk App to install. Defaults to the Broker App (\`${DEFAULT_BROKER_APP_ID}\`, the id Snyk publishes; Snyk says the id may differ by ` +
        'region: set it if Snyk gave you another). Changing it installs anew.',
      validators: [uuid()],
      planModifiers: [requiresReplace()],
    }),
    client_id: attr.string({ computed: true, description: 'The OAuth client ID broker clients use (`CLIENT_ID`).', planModifiers: [useStateForUnknown()] }),
    client_secret: attr.string({
      computed: true,
      sensitive: true,
      description:
        'The client secret in use (`CLIENT_SECRET` of the broker clients). Snyk returns it only at install and rotation; null after an import.',
      planModifiers: [useStateForUnknown()],
    }),
    previous_client_secret: attr.string({
      computed: true,
      sensitive: true,
      description:
        'After a rotation with `secret_rotation_mode = "create"`: the secret that was in use before, still valid so that running broker clients ' +
        'keep working until restarted. Null once retired.',
    }),
    secret_rotation_triggers: attr.map(types.string, {
      optional: true,
      description: 'Arbitrary values; changing any of them rotates the client secret in place, e.g. `{ rotated = "2026-12" }`.',
      validators: [mapKeys(notBlank())],
    }),
    secret_rotation_mode: attr.string({
      optional: true,
      default: 'create',
      description:
        '`create` (default): add a new secret and keep the old one valid in `previous_client_secret` (no downtime). `replace`: replace every ' +
        'secret at once; running broker clients stop until restarted with the new one.',
      validators: [oneOf(...ROTATION_MODES)],
    }) as Attribute<SecretRotationMode | null>,
    retire_previous_secret: attr.bool({
      optional: true,
      default: false,
      description:
        'Delete `previous_client_secret` in Snyk. Set it once every broker client runs with `client_secret`; a rotation never deletes the secret ' +
        'it replaces in the same apply, so with `true` the apply after a rotation retires the old secret.',
    }),
  },

  modifyPlan({ plan, prior, diagnostics }) {
    if (prior === null) {
      plan.previous_client_secret = null;
      return;
    }
    if (isUnknown(plan.secret_rotation_triggers)) {
      plan.client_secret = Unknown;
      plan.previous_client_secret = Unknown;
      return;
    }
    const rotating = !valuesEqual(plan.secret_rotation_triggers ?? {}, prior.secret_rotation_triggers ?? {}, ['map', 'string']);
    if (rotating) {
      plan.client_secret = Unknown;
      plan.previous_client_secret = plan.secret_rotation_mode === 'replace' ? null : prior.client_secret;
      warnRotation(plan, prior, diagnostics);
    } else if (plan.retire_previous_secret === true && prior.previous_client_secret !== null) {
      plan.previous_client_secret = null;
      diagnostics.addWarning(
        ['retire_previous_secret'],
        'The previous client secret is deleted',
        `Broker clients of install ${prior.id} that still use previous_client_secret stop working; those restarted with client_secret are unaffected.`,
      );
    } else {
      plan.previous_client_secret = prior.previous_client_secret;
    }
  },

  async create({ plan, provider }) {
    const orgId = known(plan.organization_id, 'organization_id');
    const appId = known(plan.app_id, 'app_id') ?? DEFAULT_BROKER_APP_ID;
    const installed = await ubClient(provider).installApp(orgId, appId);
    return {
      id: installed.id,
      organization_id: orgId,
      app_id: appId,
      client_id: installed.clientId,
      client_secret: installed.clientSecret,
      previous_client_secret: null,
      secret_rotation_triggers: known(plan.secret_rotation_triggers, 'secret_rotation_triggers'),
      secret_rotation_mode: known(plan.secret_rotation_mode, 'secret_rotation_mode'),
      retire_previous_secret: known(plan.retire_previous_secret, 'retire_previous_secret'),
    };
  },

  async read({ state, provider }) {
    const install = await ubClient(provider).getAppInstall(state.organization_id, known(state.id, 'id') as string);
    if (!install) return null;
    return { ...state, client_id: install.clientId, app_id: install.appId ?? state.app_id };
  },

  async update({ plan, prior, provider, setPartialState }) {
    const client = ubClient(provider);
    const orgId = prior.organization_id;
    const installId = prior.id as string;
    let state: AppInstallModel = {
      ...prior,
      secret_rotation_triggers: known(plan.secret_rotation_triggers, 'secret_rotation_triggers'),
      secret_rotation_mode: known(plan.secret_rotation_mode, 'secret_rotation_mode'),
      retire_previous_secret: known(plan.retire_previous_secret, 'retire_previous_secret'),
    };
    const rotating = isUnknown(plan.client_secret);
    // Retired on request, or making room before a "create" rotation (the one it replaces becomes the new previous).
    const retiring =
      prior.previous_client_secret !== null && (rotating ? state.secret_rotation_mode !== 'replace' : plan.previous_client_secret === null);
    if (retiring) {
      await client.rotateAppInstallSecret(orgId, installId, { mode: 'delete', secret: prior.previous_client_secret as string });
      state = { ...state, previous_client_secret: null };
      setPartialState({ ...state, secret_rotation_triggers: prior.secret_rotation_triggers });
    }
    if (!rotating) return state;
    if (state.secret_rotation_mode === 'replace') {
      const replaced = await client.rotateAppInstallSecret(orgId, installId, { mode: 'replace' });
      return { ...state, client_id: replaced.clientId || state.client_id, client_secret: replaced.clientSecret, previous_client_secret: null };
    }
    try {
      const created = await client.rotateAppInstallSecret(orgId, installId, { mode: 'create' });
      return { ...state, client_id: created.clientId || state.client_id, client_secret: created.clientSecret, previous_client_secret: prior.client_secret };
    } catch (error) {
      throw rotationRefused(error, { ...state, secret_rotation_triggers: prior.secret_rotation_triggers });
    }
  },

  async delete({ state, provider }) {
    try {
      await ubClient(provider).deleteAppInstall(state.organization_id, state.id as string);
    } catch (error) {
      if (isNotFound(error)) return;
      if (isRefusedDelete(error)) {
        throw new DiagnosticError(
          'Snyk refused to uninstall the Broker App',
          `${error.message}\nBroker deployments of install ${state.id} may still exist outside this configuration: delete their integrations, ` +
            'connections, credentials and the deployments first (that order), or keep the install and remove it from Terraform with `terraform state rm`.',
        );
      }
      throw error;
    }
  },

  async importState({ id, provider, diagnostics }) {
    const { organization_id, install_id } = parseImportId('snyk_app_install', id, ['organization_id', 'install_id']);
    const install = await ubClient(provider).getAppInstall(organization_id, install_id);
    if (!install) throw new DiagnosticError('Cannot import app install', `Organization ${organization_id} has no app install ${install_id}.`);
    diagnostics.addWarning(
      [],
      'Client secret unknown after import',
      'Snyk returns a client secret only at install and rotation, so client_secret is null. Change secret_rotation_triggers to get a new one ' +
        '(with "create" the current secret keeps working).',
    );
    return {
      id: install_id,
      organization_id,
      app_id: install.appId ?? DEFAULT_BROKER_APP_ID,
      client_id: install.clientId,
      client_secret: null,
      previous_client_secret: null,
      secret_rotation_triggers: null,
      secret_rotation_mode: 'create',
      retire_previous_secret: false,
    };
  },
});
