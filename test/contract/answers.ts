import { RunningEmulator } from '../../src/emulator';
import { ApiResponse, CallOptions, REST_VERSION, bodyOf, call, defaultOrgId } from '../emulator/helpers';
import { SpecName, templateOf } from './openapi';

/** One answer of the emulator, with the spec operation it answers. */
export interface RecordedAnswer {
  spec: SpecName;
  method: string;
  /** The spec's path template. */
  path: string;
  status: number;
  contentType: string | undefined;
  /** The answer's headers, names in lower case. */
  headers: Record<string, string>;
  body: unknown;
  /** What the call was, for messages: 'POST /v1/org/ORG/integrations (brokered)'. */
  label: string;
}

/** Makes calls and keeps every answer, each tied to the spec operation it answers. */
export class AnswerRecorder {
  readonly answers: RecordedAnswer[] = [];

  constructor(private readonly emulator: RunningEmulator) {}

  /** Calls the emulator and records the answer; `note` tells calls of one operation apart in messages. */
  async call(method: string, path: string, options: CallOptions & { note?: string } = {}): Promise<ApiResponse> {
    const spec: SpecName = path.startsWith('/rest/') ? 'rest' : 'v1';
    const withVersion = spec === 'rest' && !path.includes('version=') && options.note !== 'no version' ? `${path}${path.includes('?') ? '&' : '?'}version=${REST_VERSION}` : path;
    const response = await call(this.emulator, method, withVersion, options);
    const template = templateOf(spec, method, path);
    if (template === undefined) {
      throw new Error(`${method} ${path} is not an operation of the ${spec} spec`);
    }
    const label = `${method} ${path}${options.note === undefined ? '' : ` (${options.note})`} -> ${response.status}`;
    this.answers.push({ spec, method, path: template, status: response.status, contentType: response.headers.get('content-type') ?? undefined, headers: Object.fromEntries(response.headers), body: response.body, label });
    return response;
  }
}

/** The calls of one kind that a scenario made, keyed `METHOD template status`. */
export function answerKinds(answers: readonly RecordedAnswer[]): string[] {
  return [...new Set(answers.map((answer) => `${answer.spec} ${answer.method} ${answer.path} ${answer.status}`))].sort();
}

/**
 * Every v1 and REST call the client and the provider make, on a fresh emulator, successes and the errors they meet:
 * the answers the contract tests check. Returns the recorder with the answers in call order.
 */
export async function exerciseEveryCall(emulator: RunningEmulator): Promise<AnswerRecorder> {
  const recorder = new AnswerRecorder(emulator);
  const orgId = defaultOrgId(emulator);
  await exerciseOrgs(recorder, emulator, orgId);
  await exerciseIntegrations(recorder, emulator, orgId);
  await exerciseRest(recorder, orgId);
  return recorder;
}

async function exerciseOrgs(recorder: AnswerRecorder, emulator: RunningEmulator, orgId: string): Promise<void> {
  const groupId = emulator.defaultGroupId;
  await recorder.call('POST', '/v1/org', { body: { name: 'Personal' }, note: 'personal org' });
  await recorder.call('GET', '/v1/orgs');
  const created = await recorder.call('POST', '/v1/org', { body: { name: 'Contract', groupId } });
  const createdId = bodyOf<{ id: string }>(created).id;
  await recorder.call('POST', '/v1/org', { body: { name: 'Copied', groupId, sourceOrgId: orgId }, note: 'from a source org' });
  await recorder.call('GET', `/v1/group/${groupId}/orgs?perPage=2&page=1&name=c`);
  await recorder.call('DELETE', `/v1/org/${createdId}`);
  await recorder.call('POST', '/v1/org', { body: {}, note: 'no name' });
  await recorder.call('POST', '/v1/org', { body: { name: 'x' }, authorization: 'token wrong', note: 'wrong key' });
  await recorder.call('GET', '/v1/orgs', { authorization: null, note: 'no key' });
  await recorder.call('DELETE', `/v1/org/${createdId}`, { note: 'already gone' });
  const withProjects = emulator.createOrg(groupId, 'Has projects');
  emulator.addProject(withProjects.id);
  await recorder.call('DELETE', `/v1/org/${withProjects.id}`, { note: 'has projects' });
  await recorder.call('GET', `/v1/group/00000000-0000-4000-8000-000000000000/orgs`, { note: 'unknown group' });
}

async function exerciseIntegrations(recorder: AnswerRecorder, emulator: RunningEmulator, orgId: string): Promise<void> {
  const base = `/v1/org/${orgId}/integrations`;
  const plain = bodyOf<{ id: string }>(await recorder.call('POST', base, { body: { type: 'gitlab', credentials: { token: 't', url: 'https://gitlab.example' } }, note: 'credentials' }));
  const brokered = bodyOf<{ id: string }>(await recorder.call('POST', base, { body: { type: 'github', broker: { enabled: true } }, note: 'brokered' }));
  const other = bodyOf<{ id: string }>(await recorder.call('POST', base, { body: { type: 'bitbucket-cloud', credentials: { username: 'u', password: 'p' } }, note: 'credentials' }));
  await recorder.call('POST', base, { body: { type: 'docker-hub', credentials: { username: 'u', password: 'p' } }, note: 'a type the spec example lacks' });
  await recorder.call('POST', base, { body: { type: 'github', credentials: { token: 't' } }, note: 'type already there' });
  await recorder.call('GET', base);
  await recorder.call('GET', `${base}/github`);
  await recorder.call('GET', `${base}/azure-repos`, { note: 'type missing' });
  await recorder.call('PUT', `${base}/${plain.id}`, { body: { type: 'gitlab', broker: { enabled: true } }, note: 'enable broker' });
  await recorder.call('PUT', `${base}/${other.id}`, { body: { type: 'bitbucket-cloud', credentials: { username: 'u', password: 'q' } }, note: 'credentials update' });
  await recorder.call('PUT', `${base}/${brokered.id}`, { body: { type: 'github', credentials: { token: 'u' } }, note: 'credentials on a brokered one' });
  await recorder.call('POST', `${base}/${brokered.id}/authentication/switch-token`, { note: 'nothing provisioned' });
  await recorder.call('POST', `${base}/${brokered.id}/authentication/provision-token`);
  await recorder.call('POST', `${base}/${brokered.id}/authentication/provision-token`, { note: 'already provisioned' });
  await recorder.call('POST', `${base}/${brokered.id}/authentication/switch-token`);
  await recorder.call('GET', `${base}/${brokered.id}/settings`);
  await recorder.call('PUT', `${base}/${brokered.id}/settings`, { body: { autoDepUpgradeLimit: 2, pullRequestTestEnabled: true } });
  await recorder.call('PUT', `${base}/${brokered.id}/settings`, { body: { pullRequestTestEnable: true }, note: 'unknown key' });
  const assignment = { enabled: true, type: 'manual', assignees: ['username'] };
  await recorder.call('PUT', `${base}/${plain.id}/settings`, { body: { pullRequestAssignment: assignment }, note: 'assignment as an object' });
  await recorder.call('GET', `${base}/${plain.id}/settings`, { note: 'assignment as an object' });
  const destination = emulator.createOrg(emulator.defaultGroupId, 'Clone destination');
  await recorder.call('POST', `${base}/${brokered.id}/clone`, { body: { destinationOrgPublicId: destination.id } });
  const elsewhere = emulator.createOrg(emulator.createGroup('Another group').id, 'In another group');
  await recorder.call('POST', `${base}/${brokered.id}/clone`, { body: { destinationOrgPublicId: elsewhere.id }, note: 'to another group' });
  await recorder.call('PUT', `${base}/${brokered.id}`, { body: { type: 'github', broker: { enabled: true } }, note: 're-enable broker' });
  await recorder.call('PUT', `${base}/${plain.id}`, { body: { type: 'gitlab', broker: { enabled: false }, credentials: { token: 't2', url: 'https://gitlab.example' } }, note: 'disable broker' });
  await recorder.call('DELETE', `${base}/${other.id}/authentication`);
  await recorder.call('GET', `/v1/org/00000000-0000-4000-8000-000000000000/integrations`, { note: 'unknown org' });
}

async function exerciseRest(recorder: AnswerRecorder, orgId: string): Promise<void> {
  await recorder.call('GET', '/rest/self');
  await recorder.call('GET', `/rest/orgs/${orgId}`);
  const rename = { data: { id: orgId, type: 'org', attributes: { name: 'Renamed' } } };
  await recorder.call('PATCH', `/rest/orgs/${orgId}`, { body: rename });
  await recorder.call('PATCH', `/rest/orgs/${orgId}`, { body: { data: { ...rename.data, type: 'project' } }, note: 'wrong type' });
  await recorder.call('PATCH', `/rest/orgs/${orgId}`, { body: { data: { ...rename.data, attributes: { slug: 's' } } }, note: 'unchangeable attribute' });
  await recorder.call('GET', '/rest/orgs/00000000-0000-4000-8000-000000000000', { note: 'unknown org' });
  await recorder.call('GET', '/rest/self', { authorization: null, note: 'no key' });
  await recorder.call('GET', '/rest/self', { note: 'no version' });
}
