import { BEHAVIOR_TABLE } from '../../../src/emulator';
import { FIRST_HALF, ONE_AT_A_TIME } from './behaviour-matrix-cases';
import { runLifecycle } from './lifecycle';

test('the matrix covers every value of every classic-API behaviour switch', () => {
  const covered = new Set(ONE_AT_A_TIME.flatMap(([, overrides]) => Object.entries(overrides).map(([name, value]) => `${name}=${String(value)}`)));
  const missing = Object.entries(BEHAVIOR_TABLE)
    .filter(([name]) => !name.startsWith('ub-') && name !== 'api-key-auth')
    .flatMap(([name, definition]) => definition.values.slice(1).map((value) => `${name}=${value}`))
    .filter((entry) => !covered.has(entry) && !entry.endsWith('=N/min'));
  expect(missing).toEqual([]);
});

describe('the core lifecycle under every undocumented Snyk behaviour (first half)', () => {
  test.each(FIRST_HALF)('%s', (_name, behaviors) => runLifecycle({ behaviors }), 240_000);
});
