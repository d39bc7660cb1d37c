import { Route, RouteContext } from '../router';
import * as installs from './app-installs';
import { installResource, installWithSecretResource } from './documents';
import { APP_INSTALL_LIMIT } from './pagination';
import { listReply, NO_CONTENT, resourceReply } from './replies';
import { authorizedOrg, objectField, optionalStringField, requestAttributes, restPathOf, stringField, uuidField, writeData } from './request';
import { objectBody } from '../body';
import { badRequest } from '../errors';

const INSTALLS = '/rest/orgs/:orgId/apps/installs';
const INSTALL = `${INSTALLS}/:installId`;
const SECRETS = `${INSTALL}/secrets`;

/** Snyk App installs in an org, and their client secrets. */
export const appInstallRoutes: readonly Route[] = [
  { method: 'GET', pattern: INSTALLS, handle: listInstalls },
  { method: 'POST', pattern: INSTALLS, handle: installApp },
  { method: 'DELETE', pattern: INSTALL, handle: deleteInstall },
  { method: 'POST', pattern: SECRETS, handle: rotateSecret },
];

function listInstalls(context: RouteContext) {
  const { model, orgId } = authorizedOrg(context, 'tenant.read');
  return listReply(context, INSTALLS, installs.installsOf(model, orgId), installResource, APP_INSTALL_LIMIT);
}

/** The body is `{data: {type: app_install}, relationships: {app: {data: {id, type: app}}}}`: relationships beside data. */
function installApp(context: RouteContext) {
  const { model, orgId } = authorizedOrg(context, 'tenant.edit');
  writeData(context.body, 'app_install');
  const relationships = objectBody(objectBody(context.body).relationships, badRequest('"relationships" (beside "data") must name the app: {app: {data: {id, type: "app"}}}'));
  const app = objectField(objectField(relationships, 'app', 'relationships'), 'data', 'relationships.app');
  if (app.type !== 'app') {
    throw badRequest('"relationships.app.data.type" must be "app"');
  }
  const install = installs.installApp(model, orgId, uuidField(app, 'id', 'relationships.app.data'));
  return resourceReply(context, INSTALLS, 201, installWithSecretResource(install, install.clientSecrets[0] as string), restPathOf(INSTALL, { ...context.params, installId: install.id }));
}

function deleteInstall(context: RouteContext) {
  const { model, orgId } = authorizedOrg(context, 'tenant.edit');
  installs.deleteInstall(model, orgId, context.params.installId as string);
  return NO_CONTENT;
}

function rotateSecret(context: RouteContext) {
  const { model, orgId } = authorizedOrg(context, 'tenant.edit');
  const data = writeData(context.body, 'app');
  const attributes = requestAttributes(data);
  const mode = stringField(attributes, 'mode', 'data.attributes');
  const secret = optionalStringField(attributes, 'secret', 'data.attributes');
  const { install, answered } = installs.rotateSecret(model, orgId, context.params.installId as string, mode, secret);
  return resourceReply(context, SECRETS, 200, installWithSecretResource(install, answered));
}
