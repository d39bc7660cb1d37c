import { FaultRule } from '../../../src/emulator';
import { runLifecycle, StepName } from './lifecycle';

/**
 * Snyk carries out a write call but its answer is lost (a 500 or a dropped connection after the change): the core
 * lifecycle converges on the next apply with no duplicate and no lost token, or stops with a message whose steps,
 * once followed, lead there.
 */
const after = (method: string, path: string, respond: FaultRule['respond'] = { status: 500 }): FaultRule => ({ method, path, respond, when: 'after', times: 1 });

const LOST_ANSWERS: ReadonlyArray<[string, StepName, FaultRule]> = [
  ['POST /v1/org (create an organization)', 'create', after('POST', '/v1/org')],
  ['POST integrations (add a brokered integration)', 'create', after('POST', '/v1/org/*/integrations')],
  ['POST integrations, connection dropped', 'create', after('POST', '/v1/org/*/integrations', { drop: true })],
  ['PUT integration (enable the broker)', 'create', after('PUT', '/v1/org/*/integrations/*')],
  ['PUT settings', 'create', after('PUT', '/v1/org/*/integrations/*/settings')],
  ['POST clone', 'create', after('POST', '/v1/org/*/integrations/*/clone')],
  ['POST provision-token', 'create', after('POST', '/v1/org/*/integrations/*/authentication/provision-token')],
  ['POST provision-token during a rotation, connection dropped', 'rotate-and-import', after('POST', '/v1/org/*/integrations/*/authentication/provision-token', { drop: true })],
  ['POST switch-token', 'activate', after('POST', '/v1/org/*/integrations/*/authentication/switch-token')],
  ['DELETE credentials (destroying the clone)', 'destroy', after('DELETE', '/v1/org/*/integrations/*/authentication')],
  ['DELETE /v1/org (destroying an organization)', 'destroy', after('DELETE', '/v1/org/*')],
];

describe('the core lifecycle when the answer to a write call is lost', () => {
  test.each(LOST_ANSWERS)('%s', (_name, step, rule) => runLifecycle({ fault: { step, rule } }), 300_000);
});
