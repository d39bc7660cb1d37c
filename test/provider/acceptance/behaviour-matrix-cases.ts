import { BehaviorOverrides } from '../../../src/emulator';
import { EdgeStepOptions, LifecycleRun, LoggedCall } from './lifecycle';

/** One run of the matrix and what it must show for its behaviour to have mattered. */
export interface MatrixCase extends LifecycleRun {
  readonly behaviors: BehaviorOverrides;
  /**
   * Calls the lifecycle must provoke that the behaviour changes, answered as the behaviour says. After the run the
   * request log must show each one; a case whose behaviour never comes up fails.
   */
  readonly provokes: readonly LoggedCall[];
  /**
   * Answers that must never appear although the lifecycle meets the situation: where the README says the provider
   * does not reach the behaviour (it refuses the input first or takes another call), the proof is that it does not.
   */
  readonly avoids?: readonly LoggedCall[];
  /** Why a case proves less than the others, when it does. */
  readonly limit?: string;
}

const ORG = '/v1/org/*';
const INTEGRATIONS = `${ORG}/integrations`;
const INTEGRATION = `${INTEGRATIONS}/*`;
const SETTINGS = `${INTEGRATION}/settings`;
const CLONE = `${INTEGRATION}/clone`;
const PROVISION = `${INTEGRATION}/authentication/provision-token`;
const SWITCH = `${INTEGRATION}/authentication/switch-token`;
const BY_TYPE = `${INTEGRATIONS}/*`;
/** The copied organization's integration: no PUT reaches it but the one that sets it to broker = false (edge step). */
const COPY_INTEGRATION = '/v1/org/{copy}/integrations/*';

const call = (method: LoggedCall['method'], pathPattern: string, status: number): LoggedCall => ({ method, pathPattern, status });
/** Every refusal status an answer could carry. */
const refused = (method: LoggedCall['method'], pathPattern: string, ...statuses: number[]): LoggedCall[] => statuses.map((status) => call(method, pathPattern, status));

const ALL_EDGES: EdgeStepOptions = { importUnknownAsDirect: true, cloneToOtherGroup: true, secondProvisional: true, duplicateType: true, orgWithProjects: true };
/** All of them, and (where Snyk counts provisional tokens per group) the rotation of a second family. */
const ALL_EDGES_AND_GROUP: EdgeStepOptions = { ...ALL_EDGES, otherFamilyProvisional: true };
/** The import of a brokered integration as broker = false with credentials: the PUT that disables the broker. */
const DIRECT_IMPORT: EdgeStepOptions = { importUnknownAsDirect: true };
/** A lost switch-token answer: the provider's repeat finds nothing provisional. */
const LOST_SWITCH = { step: 'activate' as const, rule: { method: 'POST', path: SWITCH, respond: { status: 500 as const }, when: 'after' as const, times: 1 } };

/**
 * Every value of every undocumented Snyk behaviour the emulator can switch (the classic-API ones), one at a time,
 * then all the hardest at once: the core lifecycle converges with the right tokens under each. A test checks that
 * the list covers every classic-API switch.
 */
export const ONE_AT_A_TIME: ReadonlyArray<[string, MatrixCase]> = [
  [
    'spec-true defaults',
    {
      behaviors: {},
      edges: ALL_EDGES,
      provokes: [call('PUT', INTEGRATION, 200), call('PUT', COPY_INTEGRATION, 200), call('DELETE', ORG, 409), call('POST', CLONE, 400), call('POST', PROVISION, 409)],
      avoids: [...refused('PUT', INTEGRATION, 400, 422), ...refused('POST', INTEGRATIONS, 409)],
    },
  ],
  [
    'integration-post-broker-token=include',
    // The token comes with the POST, so the broker is not enabled again to capture it (no PUT on the integration).
    { behaviors: { 'integration-post-broker-token': 'include' }, provokes: [call('POST', INTEGRATIONS, 200)], avoids: [call('PUT', INTEGRATION, 200)] },
  ],
  ['broker-reenable=same-token', { behaviors: { 'broker-reenable': 'same-token' }, provokes: [call('PUT', INTEGRATION, 200)] }],
  ['broker-reenable=refuse', { behaviors: { 'broker-reenable': 'refuse' }, provokes: [call('PUT', INTEGRATION, 409)] }],
  ['provision-conflict-status=400', { behaviors: { 'provision-conflict-status': '400' }, edges: { secondProvisional: true }, provokes: [call('POST', PROVISION, 400)] }],
  ['provision-conflict-status=422', { behaviors: { 'provision-conflict-status': '422' }, edges: { secondProvisional: true }, provokes: [call('POST', PROVISION, 422)] }],
  // Per family, the other family's rotation would be provisioned (200); per group, Snyk refuses it.
  ['provision-conflict-scope=group', { behaviors: { 'provision-conflict-scope': 'group' }, edges: { otherFamilyProvisional: true }, provokes: [call('POST', PROVISION, 409)] }],
  ['switch-without-provisional-status=400', { behaviors: { 'switch-without-provisional-status': '400' }, fault: LOST_SWITCH, provokes: [call('POST', SWITCH, 400)] }],
  ['switch-without-provisional-status=404', { behaviors: { 'switch-without-provisional-status': '404' }, fault: LOST_SWITCH, provokes: [call('POST', SWITCH, 404)] }],
  [
    'integration-by-type-missing-status=400',
    {
      behaviors: { 'integration-by-type-missing-status': '400' },
      provokes: [call('GET', INTEGRATIONS, 200)],
      avoids: refused('GET', BY_TYPE, 200, 400, 404),
      limit: 'not reached by design: reads and imports use the type map, never GET .../integrations/{type}',
    },
  ],
  ['org-delete-with-projects-status=400', { behaviors: { 'org-delete-with-projects-status': '400' }, edges: { orgWithProjects: true }, provokes: [call('DELETE', ORG, 400)] }],
  ['org-delete-with-projects-status=422', { behaviors: { 'org-delete-with-projects-status': '422' }, edges: { orgWithProjects: true }, provokes: [call('DELETE', ORG, 422)] }],
  [
    'integration-duplicate-type-status=400',
    { behaviors: { 'integration-duplicate-type-status': '400' }, edges: { duplicateType: true }, provokes: [], avoids: refused('POST', INTEGRATIONS, 400), limit: 'not reached by design: the type map is read first and the apply stops with the import command' },
  ],
  [
    'integration-duplicate-type-status=422',
    { behaviors: { 'integration-duplicate-type-status': '422' }, edges: { duplicateType: true }, provokes: [], avoids: refused('POST', INTEGRATIONS, 422), limit: 'not reached by design: the type map is read first and the apply stops with the import command' },
  ],
  ['credentials-on-brokered-status=409', { behaviors: { 'credentials-on-brokered-status': '409' }, edges: DIRECT_IMPORT, provokes: [call('PUT', COPY_INTEGRATION, 200)], avoids: refused('PUT', INTEGRATION, 409) }],
  ['credentials-on-brokered-status=422', { behaviors: { 'credentials-on-brokered-status': '422' }, edges: DIRECT_IMPORT, provokes: [call('PUT', COPY_INTEGRATION, 200)], avoids: refused('PUT', INTEGRATION, 422) }],
  ['disable-without-credentials-status=422', { behaviors: { 'disable-without-credentials-status': '422' }, edges: DIRECT_IMPORT, provokes: [call('PUT', COPY_INTEGRATION, 200)], avoids: refused('PUT', INTEGRATION, 422) }],
  ['clone-across-groups-status=403', { behaviors: { 'clone-across-groups-status': '403' }, edges: { cloneToOtherGroup: true }, provokes: [call('POST', CLONE, 403)] }],
  ['clone-across-groups-status=422', { behaviors: { 'clone-across-groups-status': '422' }, edges: { cloneToOtherGroup: true }, provokes: [call('POST', CLONE, 422)] }],
  ['integration-put-answer=id', { behaviors: { 'integration-put-answer': 'id' }, edges: DIRECT_IMPORT, provokes: [call('PUT', COPY_INTEGRATION, 200)] }],
  ['credentials-empty-string=reject', { behaviors: { 'credentials-empty-string': 'reject' }, edges: DIRECT_IMPORT, provokes: [call('PUT', COPY_INTEGRATION, 200)], avoids: refused('PUT', INTEGRATION, 400) }],
  [
    'settings-unknown-key=ignore',
    { behaviors: { 'settings-unknown-key': 'ignore' }, provokes: [call('PUT', SETTINGS, 200)], limit: 'not reached by design: unknown keys are refused at validate, so the PUT carries none' },
  ],
  ['settings-get-omits-unset=yes', { behaviors: { 'settings-get-omits-unset': 'yes' }, provokes: [call('GET', SETTINGS, 200)] }],
  [
    'rate-limit=snyk',
    { behaviors: { 'rate-limit': 'snyk' }, provokes: [], avoids: [call('*', '/v1/**', 429)], limit: 'the lifecycle makes far fewer than 2,000 calls a minute: the proof is only that none is refused' },
  ],
  ['rate-limit=4/min (1 s interval)', { behaviors: { 'rate-limit': '4/min' }, rateLimitWindowMs: 1000, provokes: [call('*', '/v1/**', 429)] }],
  [
    'retry-after-header=omit',
    {
      behaviors: { 'retry-after-header': 'omit' },
      provokes: [],
      avoids: [call('*', '/v1/**', 429)],
      limit: 'not reached: without Retry-After the provider waits a full minute after a 429 (by design), too long for the matrix',
    },
  ],
];

export const HARDEST: MatrixCase = {
  behaviors: {
    'integration-post-broker-token': 'omit',
    'broker-reenable': 'refuse',
    'provision-conflict-status': '400',
    'provision-conflict-scope': 'group',
    'switch-without-provisional-status': '400',
    'integration-by-type-missing-status': '400',
    'org-delete-with-projects-status': '400',
    'integration-duplicate-type-status': '400',
    'credentials-on-brokered-status': '422',
    'disable-without-credentials-status': '422',
    'clone-across-groups-status': '403',
    'integration-put-answer': 'id-and-token',
    'credentials-empty-string': 'reject',
    'settings-unknown-key': 'ignore',
    'settings-get-omits-unset': 'yes',
    'rate-limit': 'snyk',
    'retry-after-header': 'omit',
  },
  edges: ALL_EDGES_AND_GROUP,
  provokes: [call('PUT', INTEGRATION, 409), call('PUT', COPY_INTEGRATION, 200), call('DELETE', ORG, 400), call('POST', CLONE, 403), call('POST', PROVISION, 400), call('GET', SETTINGS, 200)],
  avoids: [...refused('PUT', INTEGRATION, 400, 422), ...refused('POST', INTEGRATIONS, 400), call('*', '/v1/**', 429)],
};

/**
 * The matrix in two halves, one per test file, so that two jest workers share it. The second half also runs the
 * hardest case and the rate-limit case (which waits out its 429s), so the first takes one case more.
 */
export const FIRST_HALF = ONE_AT_A_TIME.slice(0, Math.ceil(ONE_AT_A_TIME.length / 2) + 1);
export const SECOND_HALF = ONE_AT_A_TIME.slice(FIRST_HALF.length);
