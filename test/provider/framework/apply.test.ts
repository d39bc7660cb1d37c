import { DiagnosticError, PartialResultError, Unknown } from '../../../src/provider/framework';
import { applyResource } from '../../../src/provider/framework/apply';
import { example, knownState } from './support/example-resource';

const provider = () => ({ calls: [] });
const plannedCreate = { ...knownState, id: Unknown, secret: Unknown, status: Unknown };

describe('applying', () => {
  test('create fills in the unknown values', async () => {
    const result = await applyResource(example, { prior: null, planned: plannedCreate, config: null, provider });
    expect(result.diagnostics.all).toEqual([]);
    expect(result.newState).toMatchObject({ id: 'new-id', secret: 'hush', name: 'one' });
  });

  test('a configured value that was unknown until apply is validated before create or update runs', async () => {
    const calls: string[] = [];
    const watched = {
      ...example,
      create: async () => {
        calls.push('create');
        return knownState;
      },
      update: async () => {
        calls.push('update');
        return knownState;
      },
    };
    const config = { ...knownState, id: null, secret: null, status: null, parent_id: 'not-a-uuid' };
    const created = await applyResource(watched, { prior: null, planned: { ...plannedCreate, parent_id: 'not-a-uuid' }, config, provider });
    expect(created.newState).toBeNull();
    expect(created.diagnostics.all).toEqual([expect.objectContaining({ severity: 'error', summary: 'Invalid value for parent_id', path: ['parent_id'] })]);
    const updated = await applyResource(watched, { prior: knownState, planned: { ...knownState, parent_id: 'not-a-uuid' }, config, provider });
    expect(updated.newState).toEqual(knownState);
    expect(updated.diagnostics.hasErrors).toBe(true);
    expect(calls).toEqual([]);
  });

  test('a value known in the plan that comes back different is a clear error, not a Terraform crash', async () => {
    const buggy = { ...example, create: async () => ({ ...knownState, name: 'other' }) };
    const result = await applyResource(buggy, { prior: null, planned: plannedCreate, config: null, provider });
    expect(result.diagnostics.all).toEqual([expect.objectContaining({ summary: 'Provider bug: inconsistent result after apply', path: ['name'] })]);
    expect(result.newState!.name).toBe('other');
  });

  test('a failed create returns null, a failed update the prior state, each with the error', async () => {
    const failing = {
      ...example,
      create: async () => {
        throw new DiagnosticError('No way', 'The API said no.', ['name']);
      },
      update: async () => {
        throw new Error('network down');
      },
    };
    const created = await applyResource(failing, { prior: null, planned: plannedCreate, config: null, provider });
    expect(created.newState).toBeNull();
    expect(created.diagnostics.all).toEqual([{ severity: 'error', summary: 'No way', detail: 'The API said no.', path: ['name'] }]);
    const updated = await applyResource(failing, { prior: knownState, planned: { ...knownState, name: 'two' }, config: null, provider });
    expect(updated.newState).toEqual(knownState);
    expect(updated.diagnostics.all[0]).toMatchObject({ summary: 'Failed to update example_thing', detail: 'network down' });
  });

  test('a partial state reported before the failure is kept, by throw or by setPartialState', async () => {
    const partial = { ...knownState, id: 'provisional', status: 'provisional' };
    const thrown = { ...example, create: async () => Promise.reject(new PartialResultError(partial, new Error('switch failed'))) };
    const viaThrow = await applyResource(thrown, { prior: null, planned: plannedCreate, config: null, provider });
    expect(viaThrow.newState).toEqual(partial);
    expect(viaThrow.diagnostics.all[0]).toMatchObject({ severity: 'error', detail: 'switch failed' });
    const recorded = {
      ...example,
      update: async (context: { setPartialState(state: object): void }) => {
        context.setPartialState(partial);
        throw new Error('switch failed');
      },
    };
    const viaContext = await applyResource(recorded, { prior: knownState, planned: { ...knownState, status: Unknown }, config: null, provider });
    expect(viaContext.newState).toEqual(partial);
  });

  test('unknown values left in a result become null with an error', async () => {
    const lazy = { ...example, create: async () => ({ ...knownState, status: Unknown }) };
    const result = await applyResource(lazy, { prior: null, planned: plannedCreate, config: null, provider });
    expect(result.newState!.status).toBeNull();
    expect(result.diagnostics.all[0]).toMatchObject({ summary: 'Provider bug: unknown value after apply', path: ['status'] });
  });

  test('a null plan deletes; a failed delete keeps the state', async () => {
    const calls: string[] = [];
    const tracked = { ...example, delete: async () => void calls.push('delete') };
    expect((await applyResource(tracked, { prior: knownState, planned: null, config: null, provider })).newState).toBeNull();
    expect(calls).toEqual(['delete']);
    const failing = { ...example, delete: async () => Promise.reject(new Error('locked')) };
    expect((await applyResource(failing, { prior: knownState, planned: null, config: null, provider })).newState).toEqual(knownState);
  });
});
