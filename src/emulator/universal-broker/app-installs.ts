import { randomBytes, randomUUID } from 'node:crypto';
import { badRequest, conflict, notFound } from '../errors';
import { UniversalBrokerModel } from './model';
import { AppInstallRecord } from './state';

/**
 * Snyk App installs and their client secrets. A new install gets one secret, answered once; rotation `replace`s all
 * secrets with a new one, `create`s one more, or `delete`s one by value (never the last one [decided]).
 */
export function installApp(model: UniversalBrokerModel, orgId: string, appId: string): AppInstallRecord {
  model.classic.org(orgId);
  if (model.data.installs.some((install) => install.orgId === orgId && install.appId === appId)) {
    throw conflict(`App ${appId} is already installed in organization ${orgId}`);
  }
  const install: AppInstallRecord = {
    id: randomUUID(),
    orgId,
    appId,
    clientId: randomUUID(),
    clientSecrets: [newClientSecret()],
    installedAt: new Date().toISOString(),
  };
  model.data.installs.push(install);
  model.changed();
  return structuredClone(install);
}

export function installsOf(model: UniversalBrokerModel, orgId: string): AppInstallRecord[] {
  model.classic.org(orgId);
  return model.data.installs.filter((install) => install.orgId === orgId).map((install) => structuredClone(install));
}

/** Refused while the install has deployments [decided: where the install fits in Snyk's delete order is unconfirmed]. */
export function deleteInstall(model: UniversalBrokerModel, orgId: string, installId: string): void {
  const install = model.installInOrg(orgId, installId);
  const deployments = model.data.deployments.filter((deployment) => deployment.installId === install.id);
  if (deployments.length > 0) {
    throw model.inUse(`App install ${installId} still has ${deployments.length} deployment(s); delete them first`);
  }
  model.data.installs = model.data.installs.filter((candidate) => candidate !== install);
  model.changed();
}

/** Applies a secret rotation and returns the install and the secret to answer. */
export function rotateSecret(
  model: UniversalBrokerModel,
  orgId: string,
  installId: string,
  mode: string,
  secret: string | undefined,
): { install: AppInstallRecord; answered: string } {
  const install = model.installInOrg(orgId, installId);
  let answered: string;
  switch (mode) {
    case 'replace':
      answered = newClientSecret();
      install.clientSecrets = [answered];
      break;
    case 'create':
      refuseBeyondLimit(model, install);
      answered = newClientSecret();
      install.clientSecrets.push(answered);
      break;
    case 'delete':
      answered = deleteSecret(install, secret);
      break;
    default:
      throw badRequest('"data.attributes.mode" must be one of replace, create, delete');
  }
  model.changed();
  return { install: structuredClone(install), answered };
}

/** Under `ub-max-client-secrets=2`, a third secret is refused: the old one must be deleted first. */
function refuseBeyondLimit(model: UniversalBrokerModel, install: AppInstallRecord): void {
  const limit = model.behaviors.get('ub-max-client-secrets');
  if (limit !== 'unlimited' && install.clientSecrets.length >= Number(limit)) {
    throw conflict(`App install ${install.id} already has ${install.clientSecrets.length} client secrets, the most it may hold; delete one (mode "delete") before creating another`);
  }
}

/** Removes one secret by value; the answer is the newest secret left [decided: Snyk's answer to delete is unconfirmed]. */
function deleteSecret(install: AppInstallRecord, secret: string | undefined): string {
  if (secret === undefined || secret === '') {
    throw badRequest('Mode "delete" needs "data.attributes.secret": the secret to remove');
  }
  if (!install.clientSecrets.includes(secret)) {
    throw notFound('The secret given is not a secret of this app install');
  }
  if (install.clientSecrets.length === 1) {
    throw badRequest('The last secret of an app install cannot be deleted; use mode "replace" to change it');
  }
  install.clientSecrets = install.clientSecrets.filter((candidate) => candidate !== secret);
  return install.clientSecrets[install.clientSecrets.length - 1] as string;
}

/** A client secret: long, random, and recognisable in a leak scan. */
function newClientSecret(): string {
  return `snyk_ub_${randomBytes(24).toString('hex')}`;
}
