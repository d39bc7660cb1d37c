import { buildSnykGraph, familiesOf, modelResourceChange, nodeLabel, TerraformPlanJson } from '../../src/plan-summary';
import { configResource, planOf, resourceChange } from './builders';

function graphOf(plan: TerraformPlanJson) {
  return buildSnykGraph(plan, (plan.resource_changes ?? []).map(modelResourceChange));
}

describe('token families', () => {
  test('resources created together link through configuration references', () => {
    const plan = planOf(
      [
        resourceChange('snyk_organization.a', ['create'], null, { name: 'a', id: null }, { unknown: ['id'] }),
        resourceChange('snyk_organization.b', ['create'], null, { name: 'b', source_organization_id: null }, { unknown: ['id', 'source_organization_id'] }),
        resourceChange('snyk_integration.gh', ['create'], null, { type: 'github', broker: true, organization_id: null }, { unknown: ['id', 'organization_id'] }),
        resourceChange('snyk_broker_token.t', ['create'], null, { activate: false, organization_id: null, integration_id: null }, { unknown: ['id', 'organization_id', 'integration_id'] }),
        resourceChange('snyk_integration_clone.c', ['create'], null, { destination_organization_id: 'ext-org', source_integration_id: null }, { unknown: ['id', 'source_integration_id'] }),
      ],
      [
        configResource('snyk_organization.b', { source_organization_id: 'snyk_organization.a.id' }),
        configResource('snyk_integration.gh', { organization_id: 'snyk_organization.a.id' }),
        configResource('snyk_broker_token.t', { organization_id: 'snyk_organization.a.id', integration_id: 'snyk_integration.gh.id' }),
        configResource('snyk_integration_clone.c', { source_integration_id: 'snyk_integration.gh.id' }),
      ],
    );
    const graph = graphOf(plan);
    expect(graph.organizationOf.get('snyk_integration.gh')).toBe('snyk_organization.a');
    expect(graph.integrationOfToken.get('snyk_broker_token.t')).toBe('snyk_integration.gh');
    expect(graph.cloneSourceOf.get('snyk_integration_clone.c')).toBe('snyk_integration.gh');
    expect(graph.families).toEqual([
      {
        root: 'snyk_integration.gh',
        integrations: ['snyk_integration.gh', 'snyk_integration_clone.c'],
        organizations: ['external:organization:ext-org', 'snyk_organization.a', 'snyk_organization.b'],
        tokens: ['snyk_broker_token.t'],
        changed: true,
      },
    ]);
    expect(nodeLabel(graph, 'snyk_integration_clone.c')).toBe('github in org ext-org');
    expect(nodeLabel(graph, 'snyk_broker_token.t')).toBe('Broker token of github in a');
  });

  test('existing resources link by known ids, clones of clones included', () => {
    const plan = planOf([
      resourceChange('snyk_integration.gh', ['no-op'], { id: 'i1', type: 'github', broker: true, organization_id: 'o1' }, { id: 'i1', type: 'github', broker: true, organization_id: 'o1' }),
      resourceChange('snyk_integration_clone.c1', ['no-op'], { id: 'i2', source_integration_id: 'i1', destination_organization_id: 'o2' }, { id: 'i2', source_integration_id: 'i1', destination_organization_id: 'o2' }),
      resourceChange('snyk_integration_clone.c2', ['create'], null, { source_integration_id: 'i2', destination_organization_id: 'o3' }, { unknown: ['id'] }),
      resourceChange('snyk_broker_token.t', ['update'], { integration_id: 'i2', activate: false }, { integration_id: 'i2', activate: true }),
    ]);
    const graph = graphOf(plan);
    const [family] = graph.families;
    expect(family.integrations).toEqual(['snyk_integration.gh', 'snyk_integration_clone.c1', 'snyk_integration_clone.c2']);
    expect(family.organizations).toEqual(['external:organization:o1', 'external:organization:o2', 'external:organization:o3']);
    expect(family.tokens).toEqual(['snyk_broker_token.t']);
    expect(familiesOf(graph, 'snyk_broker_token.t')).toEqual([family]);
  });

  test('an unbrokered integration makes no family', () => {
    const plan = planOf([resourceChange('snyk_integration.gl', ['create'], null, { type: 'gitlab', broker: false, organization_id: 'o1' })]);
    expect(graphOf(plan).families).toEqual([]);
  });

  test('a reference to all instances of a counted resource pairs instances by key', () => {
    const plan = planOf(
      [
        resourceChange('snyk_organization.o[0]', ['create'], null, { name: 'zero' }, { unknown: ['id'] }),
        resourceChange('snyk_organization.o[1]', ['create'], null, { name: 'one' }, { unknown: ['id'] }),
        resourceChange('snyk_integration.i[1]', ['create'], null, { type: 'github', organization_id: null }, { unknown: ['id', 'organization_id'] }),
      ],
      [{ address: 'snyk_integration.i', mode: 'managed', type: 'snyk_integration', name: 'i', expressions: { organization_id: { references: ['snyk_organization.o'] } } }],
    );
    expect(graphOf(plan).organizationOf.get('snyk_integration.i[1]')).toBe('snyk_organization.o[1]');
  });

  test('references inside a module are resolved relative to it', () => {
    const plan: TerraformPlanJson = {
      format_version: '1.2',
      resource_changes: [
        { ...resourceChange('module.team.snyk_organization.o', ['create'], null, { name: 'team' }, { unknown: ['id'] }), module_address: 'module.team' },
        { ...resourceChange('module.team.snyk_integration.i', ['create'], null, { type: 'github' }, { unknown: ['id', 'organization_id'] }), module_address: 'module.team' },
      ],
      configuration: {
        root_module: {
          module_calls: {
            team: { module: { resources: [configResource('snyk_integration.i', { organization_id: 'snyk_organization.o.id' })] } },
          },
        },
      },
    };
    expect(graphOf(plan).organizationOf.get('module.team.snyk_integration.i')).toBe('module.team.snyk_organization.o');
  });

  test('a data source reference becomes a node outside the plan', () => {
    const plan = planOf(
      [resourceChange('snyk_integration.i', ['create'], null, { type: 'github' }, { unknown: ['id', 'organization_id'] })],
      [configResource('snyk_integration.i', { organization_id: 'data.snyk_organization.main.id' })],
    );
    const graph = graphOf(plan);
    expect(graph.organizationOf.get('snyk_integration.i')).toBe('external:organization:data.snyk_organization.main');
    expect(nodeLabel(graph, 'snyk_integration.i')).toBe('github in data.snyk_organization.main');
  });
});
