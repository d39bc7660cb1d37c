import { isUnknown, Unknown } from '../../../src/provider/framework';
import { planResource } from '../../../src/provider/framework/plan';
import { ObjectValue } from '../../../src/provider/framework/values';
import { example, knownState } from './support/example-resource';

const nullObject: ObjectValue = Object.fromEntries(Object.keys(knownState).map((name) => [name, null]));

/** Terraform's proposed new state: config values, prior values for computed attributes left null in config. */
function proposedFrom(config: ObjectValue, prior: ObjectValue | null): ObjectValue {
  return Object.fromEntries(Object.entries(config).map(([name, value]) => [name, value === null && prior ? prior[name] : value]));
}

async function plan(config: ObjectValue, prior: ObjectValue | null, definition = example) {
  return planResource(definition, { prior, proposed: proposedFrom(config, prior), config, provider: undefined });
}

describe('planning', () => {
  test('on create, defaults are set and computed attributes without a value are unknown', async () => {
    const result = await plan({ ...nullObject, name: 'one' }, null);
    expect(result.planned).toMatchObject({ name: 'one', enabled: true, parent_id: null });
    expect(isUnknown(result.planned!.id)).toBe(true);
    expect(isUnknown(result.planned!.secret)).toBe(true);
    expect(isUnknown(result.planned!.status)).toBe(true);
    expect(result.requiresReplace).toEqual([]);
    expect(result.diagnostics.all).toEqual([]);
  });

  test('with nothing changed, the plan is the prior state (no spurious "known after apply")', async () => {
    const config = { ...nullObject, name: 'one', size: 5, labels: { a: 'b' } };
    const result = await plan(config, knownState);
    expect(result.planned).toEqual(knownState);
  });

  test('on update, computed attributes become unknown unless useStateForUnknown keeps the prior value', async () => {
    const result = await plan({ ...nullObject, name: 'two', size: 5, labels: { a: 'b' } }, knownState);
    expect(result.planned!.id).toBe('id-1');
    expect(isUnknown(result.planned!.secret)).toBe(true);
    expect(result.planned!.name).toBe('two');
    expect(result.requiresReplace).toEqual([]);
  });

  test('requiresReplace and requiresReplaceIf name the attribute that forces replacement', async () => {
    const parent = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
    const grown = await plan({ ...nullObject, name: 'one', size: 6, parent_id: parent, labels: { a: 'b' } }, knownState);
    expect(grown.requiresReplace).toEqual([['parent_id']]);
    const shrunk = await plan({ ...nullObject, name: 'one', size: 4, labels: { a: 'b' } }, knownState);
    expect(shrunk.requiresReplace).toEqual([['size']]);
  });

  test('an unknown configured value that may differ forces replacement too', async () => {
    const result = await plan({ ...nullObject, name: 'one', size: 5, parent_id: Unknown, labels: { a: 'b' } }, knownState);
    expect(result.requiresReplace).toEqual([['parent_id']]);
  });

  test('computed attributes inside a nested object become unknown on create', async () => {
    const result = await plan({ ...nullObject, name: 'one', settings: { mode: 'x', computed_flag: null } }, null);
    expect(result.planned!.settings).toEqual({ mode: 'x', computed_flag: Unknown });
  });

  test('destroy plans null', async () => {
    const result = await planResource(example, { prior: knownState, proposed: null, config: null, provider: undefined });
    expect(result.planned).toBeNull();
  });

  test('modifyPlan can set values and request replacement; a plan that contradicts the config is reported as a bug', async () => {
    const modified = {
      ...example,
      modifyPlan: (context: { plan: Record<string, unknown>; requiresReplace(path: string[]): void }) => {
        context.plan.status = 'will-be-ok';
        context.plan.name = 'not-what-was-configured';
        context.requiresReplace(['labels']);
      },
    };
    const result = await plan({ ...nullObject, name: 'one', size: 5, labels: { a: 'b' } }, knownState, modified);
    expect(result.planned!.status).toBe('will-be-ok');
    expect(result.requiresReplace).toContainEqual(['labels']);
    expect(result.diagnostics.all).toEqual([expect.objectContaining({ severity: 'error', summary: 'Provider bug: invalid plan', path: ['name'] })]);
  });
});
