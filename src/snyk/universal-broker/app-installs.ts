import { asRecord } from '../decode';
import { undefinedOn404 } from '../errors';
import { apiPath, HttpResult } from '../http';
import { jsonApiRequest } from '../rest';
import { UbContext } from './context';
import { dataResource, deleteResource, listResources, NOT_REPEATABLE, optionalStringAttribute, ReadResource, stringAttribute } from './json-api';
import { AppInstall, CreatedAppInstall, ListOptions, RotatedAppInstallSecret, SecretRotation } from './types';

/**
 * POST /orgs/{org_id}/apps/installs: installs the app in the org. The answer is the only time Snyk returns the
 * client secret. Not repeated after an ambiguous failure: a second install would be a second client.
 */
export function installApp(ctx: UbContext, orgId: string, appId: string): Promise<CreatedAppInstall> {
  const body = { data: { type: 'app_install' }, relationships: { app: { data: { id: appId, type: 'app' } } } };
  return ctx.http.request(
    jsonApiRequest('POST', apiPath`/rest/orgs/${orgId}/apps/installs`, ctx.versions.appInstalls, body),
    (result) => {
      const resource = dataResource(result);
      return {
        id: resource.id,
        appId: relatedAppId(resource) ?? appId,
        clientId: stringAttribute(result, resource, 'client_id'),
        clientSecret: stringAttribute(result, resource, 'client_secret'),
      };
    },
    NOT_REPEATABLE,
  );
}

/** GET /orgs/{org_id}/apps/installs, every page: the org's installs, without secrets. */
export function listAppInstalls(ctx: UbContext, orgId: string, options: ListOptions = {}): Promise<AppInstall[]> {
  return listResources(ctx, apiPath`/rest/orgs/${orgId}/apps/installs`, appInstall, options, ctx.versions.appInstalls);
}

/**
 * One install of the org by id, from the list (there is no GET by id); undefined when it is not listed, or when the
 * org itself is gone (its install list answers 404, and the install went with it).
 */
export async function getAppInstall(ctx: UbContext, orgId: string, installId: string): Promise<AppInstall | undefined> {
  return (await undefinedOn404(listAppInstalls(ctx, orgId)))?.find((install) => install.id === installId);
}

/** DELETE /orgs/{org_id}/apps/installs/{install_id}. */
export function deleteAppInstall(ctx: UbContext, orgId: string, installId: string): Promise<void> {
  return deleteResource(ctx, apiPath`/rest/orgs/${orgId}/apps/installs/${installId}`, ctx.versions.appInstalls);
}

/**
 * POST /orgs/{org_id}/apps/installs/{install_id}/secrets. Never repeated after an ambiguous failure: a repeated
 * `replace` or `create` would issue another secret and lose the first. The secret given to `delete` is redacted from
 * any error.
 */
export function rotateAppInstallSecret(ctx: UbContext, orgId: string, installId: string, rotation: SecretRotation): Promise<RotatedAppInstallSecret> {
  const attributes = rotation.mode === 'delete' ? { mode: rotation.mode, secret: rotation.secret } : { mode: rotation.mode };
  const secrets = rotation.mode === 'delete' ? [rotation.secret] : [];
  return ctx.http.request(
    jsonApiRequest('POST', apiPath`/rest/orgs/${orgId}/apps/installs/${installId}/secrets`, ctx.versions.appInstalls, { data: { type: 'app', attributes } }, secrets),
    (result) => {
      const resource = dataResource(result);
      return { installId: resource.id, clientId: stringAttribute(result, resource, 'client_id'), clientSecret: stringAttribute(result, resource, 'client_secret') };
    },
    NOT_REPEATABLE,
  );
}

function appInstall(result: HttpResult, resource: ReadResource): AppInstall {
  const appId = relatedAppId(resource);
  const installedAt = optionalStringAttribute(resource, 'installed_at');
  return {
    id: resource.id,
    clientId: stringAttribute(result, resource, 'client_id'),
    ...(appId !== undefined ? { appId } : {}),
    ...(installedAt !== undefined ? { installedAt } : {}),
  };
}

function relatedAppId(resource: ReadResource): string | undefined {
  const id = asRecord(asRecord(asRecord(resource.relationships)?.app)?.data)?.id;
  return typeof id === 'string' ? id : undefined;
}
