import { objectBody, requiredString } from '../body';
import { parseBehaviorOverrides } from '../behaviors';
import { badRequest } from '../errors';
import { FaultRule, faultRuleProblem } from '../faults';
import { Route, RouteContext } from '../router';

/** Test and setup calls under `/_emulator/`, apart from Snyk's paths; never in the request log. */
export const adminRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/_emulator/requests', handle: ({ services }) => ({ status: 200, body: { requests: services.log.list() } }) },
  { method: 'DELETE', pattern: '/_emulator/requests', handle: ({ services }) => (services.log.clear(), { status: 204 }) },
  { method: 'POST', pattern: '/_emulator/faults', handle: addFault },
  { method: 'DELETE', pattern: '/_emulator/faults', handle: ({ services }) => (services.faults.clear(), { status: 204 }) },
  { method: 'GET', pattern: '/_emulator/state', handle: ({ services }) => ({ status: 200, body: services.model.snapshot() }) },
  { method: 'POST', pattern: '/_emulator/groups', handle: createGroup },
  { method: 'POST', pattern: '/_emulator/orgs', handle: createOrg },
  { method: 'POST', pattern: '/_emulator/orgs/:orgId/projects', handle: addProject },
  { method: 'GET', pattern: '/_emulator/behaviors', handle: ({ services }) => ({ status: 200, body: { behaviors: services.behaviors.list() } }) },
  { method: 'PUT', pattern: '/_emulator/behaviors', handle: setBehaviors },
  { method: 'DELETE', pattern: '/_emulator/behaviors', handle: ({ services }) => (services.behaviors.reset(), { status: 204 }) },
];

function setBehaviors({ body, services }: RouteContext) {
  const parsed = parseBehaviorOverrides(body);
  if (!parsed.ok) {
    throw badRequest(parsed.problems.join('; '));
  }
  services.behaviors.apply(parsed.overrides);
  return { status: 200, body: { behaviors: services.behaviors.list() } };
}

function addFault({ body, services }: RouteContext) {
  const problem = faultRuleProblem(body);
  if (problem !== undefined) {
    throw badRequest(problem);
  }
  services.faults.add(body as FaultRule);
  return { status: 204 };
}

function createGroup({ body, services }: RouteContext) {
  const name = requiredString(objectBody(body), 'name', badRequest('"name" is required'));
  return { status: 201, body: { id: services.model.createGroup(name).id } };
}

function createOrg({ body, services }: RouteContext) {
  const request = objectBody(body);
  const groupId = requiredString(request, 'groupId', badRequest('"groupId" is required'));
  const name = requiredString(request, 'name', badRequest('"name" is required'));
  services.model.group(groupId);
  const org = services.model.createOrg({ name, groupId });
  return { status: 201, body: { id: org.id, slug: org.slug } };
}

function addProject({ params, services }: RouteContext) {
  services.model.addProject(params.orgId as string);
  return { status: 204 };
}
