import { buildSnykGraph, findWarnings, modelResourceChange, PlanResourceChange } from '../../src/plan-summary';
import { planOf, resourceChange } from './builders';

function warningsOf(...changes: PlanResourceChange[]) {
  const models = changes.map(modelResourceChange);
  return findWarnings(models, buildSnykGraph(planOf(changes), models));
}

const brokered = resourceChange('snyk_integration.gh', ['no-op'], { id: 'i1', type: 'github', broker: true, organization_id: 'o1' }, { id: 'i1', type: 'github', broker: true, organization_id: 'o1' });

describe('warnings', () => {
  test('a token created with activate switches the live token of the whole family', () => {
    const [warning] = warningsOf(brokered, resourceChange('snyk_broker_token.t', ['create'], null, { integration_id: 'i1', activate: true }, { unknown: ['id', 'token'] }));
    expect(warning.severity).toBe('caution');
    expect(warning.message).toMatch(/switches the live Broker token for the token family of github in org o1 \(orgs: org o1\)/);
    expect(warning.message).toMatch(/Broker clients must already run the new token/);
  });

  test('a provisional token is the safe first phase: no warning', () => {
    expect(warningsOf(brokered, resourceChange('snyk_broker_token.t', ['create'], null, { integration_id: 'i1', activate: false }))).toEqual([]);
  });

  test('activation (activate false to true) is a live switch', () => {
    const warnings = warningsOf(brokered, resourceChange('snyk_broker_token.t', ['update'], { integration_id: 'i1', activate: false }, { integration_id: 'i1', activate: true }));
    expect(warnings.map((warning) => warning.severity)).toEqual(['caution']);
    expect(warnings[0].message).toMatch(/activation switches the live Broker token/);
  });

  test('an activate that is unknown until apply may switch', () => {
    const [warning] = warningsOf(resourceChange('snyk_broker_token.t', ['create'], null, { activate: null }, { unknown: ['activate'] }));
    expect(warning.message).toMatch(/may switch/);
  });

  test('a rotation (replacement) warns of the switch and names the trigger', () => {
    const warnings = warningsOf(
      brokered,
      resourceChange('snyk_broker_token.t', ['delete', 'create'], { integration_id: 'i1', activate: true, rotation_triggers: { q: '1' } }, { integration_id: 'i1', activate: true, rotation_triggers: { q: '2' } }, {
        replacePaths: [['rotation_triggers', 'q']],
      }),
    );
    expect(warnings.map((warning) => [warning.severity, warning.address])).toEqual([
      ['caution', 'snyk_broker_token.t'],
      ['warning', 'snyk_broker_token.t'],
    ]);
    expect(warnings[1].message).toContain('replaced because `rotation_triggers["q"]` changed (the old one is destroyed first)');
  });

  test('destroys say what Snyk keeps or cannot undo', () => {
    const warnings = warningsOf(
      resourceChange('snyk_organization.o', ['delete'], { id: 'o1', name: 'acme' }, null),
      resourceChange('snyk_integration.i', ['delete'], { id: 'i1', type: 'github', organization_id: 'o2' }, null),
      resourceChange('snyk_integration_clone.c', ['delete'], { id: 'i2', source_integration_id: 'i1', destination_organization_id: 'o2' }, null),
      resourceChange('snyk_broker_token.t', ['delete'], { id: 't1', integration_id: 'i1' }, null),
    );
    const byAddress = Object.fromEntries(warnings.map((warning) => [warning.address, warning]));
    expect(byAddress['snyk_organization.o'].severity).toBe('caution');
    expect(byAddress['snyk_organization.o'].message).toMatch(/cannot be undone.*refuses to delete an org that still has projects/);
    expect(byAddress['snyk_integration.i'].message).toMatch(/cannot delete an integration; destroying it only clears its credentials/);
    expect(byAddress['snyk_integration_clone.c'].message).toMatch(/cannot delete an integration/);
    expect(byAddress['snyk_broker_token.t'].message).toMatch(/the token stays in use in Snyk/);
    expect(warnings.map((warning) => warning.severity)).toEqual(['caution', 'warning', 'warning', 'warning']);
  });

  test('an integration or clone deleted with its org does not stay behind: only the org is a caution', () => {
    const warnings = warningsOf(
      resourceChange('snyk_organization.o', ['delete'], { id: 'o1', name: 'acme' }, null),
      resourceChange('snyk_integration.i', ['delete'], { id: 'i1', type: 'github', organization_id: 'o1' }, null),
      resourceChange('snyk_integration_clone.c', ['delete'], { id: 'i2', source_integration_id: 'i1', destination_organization_id: 'o1' }, null),
    );
    expect(warnings.map((warning) => [warning.severity, warning.address])).toEqual([['caution', 'snyk_organization.o']]);
  });

  test('disabling the broker warns; enabling it does not', () => {
    const off = warningsOf(resourceChange('snyk_integration.i', ['update'], { type: 'github', broker: true }, { type: 'github', broker: false }));
    expect(off.map((warning) => warning.message)).toEqual([expect.stringMatching(/the broker is disabled/)]);
    expect(warningsOf(resourceChange('snyk_integration.i', ['update'], { type: 'github', broker: false }, { type: 'github', broker: true }))).toEqual([]);
  });

  test('imports are noted with their id', () => {
    const [warning] = warningsOf(resourceChange('snyk_integration.i', ['no-op'], { id: 'i1', type: 'github' }, { id: 'i1', type: 'github' }, { importing: 'o1/github' }));
    expect(warning).toEqual({ severity: 'note', address: 'snyk_integration.i', message: 'github in an unknown org is imported from the existing object `o1/github`.' });
  });
});
