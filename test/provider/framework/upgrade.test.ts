import { upgradeState } from '../../../src/provider/framework/upgrade';
import { redactValue } from '../../../src/provider/framework';
import { example, knownState } from './support/example-resource';

const json = (value: object) => Buffer.from(JSON.stringify(value));

describe('state upgrades', () => {
  test('upgraders run in order from the stored version; unknown attributes are dropped and missing ones null', () => {
    const { state, diagnostics } = upgradeState(example as never, 0, json({ id: 'x', title: 'old', removed_long_ago: 1 }));
    expect(diagnostics.all).toEqual([]);
    expect(state).toEqual({ id: 'x', name: 'old', parent_id: null, size: null, secret: null, labels: null, enabled: true, status: null, settings: null });
  });

  test('current-version state is only normalised', () => {
    expect(upgradeState(example as never, 2, json(knownState)).state).toEqual(knownState);
  });

  test('state from a newer provider is refused with a clear error', () => {
    const { state, diagnostics } = upgradeState(example as never, 3, json(knownState));
    expect(state).toBeNull();
    expect(diagnostics.all[0].summary).toBe('State written by a newer provider');
  });
});

describe('redaction for logs', () => {
  test('sensitive attributes are replaced, others kept', () => {
    expect(redactValue(knownState, example.attributes as never)).toMatchObject({ secret: '(sensitive value)', name: 'one' });
  });
});
