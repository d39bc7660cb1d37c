import { BEHAVIOR_TABLE } from '../../../src/emulator';
import { FIRST_HALF, HARDEST, ONE_AT_A_TIME } from './behaviour-matrix-cases';
import { runLifecycle } from './lifecycle';

test('the matrix covers every value of every classic-API behaviour switch', () => {
  const covered = new Set(ONE_AT_A_TIME.flatMap(([, { behaviors }]) => Object.entries(behaviors).map(([name, value]) => `${name}=${String(value)}`)));
  const missing = Object.entries(BEHAVIOR_TABLE)
    .filter(([name]) => !name.startsWith('ub-') && name !== 'api-key-auth')
    .flatMap(([name, definition]) => definition.values.slice(1).map((value) => `${name}=${value}`))
    .filter((entry) => !covered.has(entry) && !entry.endsWith('=N/min'));
  expect(missing).toEqual([]);
  expect(ONE_AT_A_TIME.some(([, { behaviors }]) => /^\d+\/min$/.test(String(behaviors['rate-limit'])))).toBe(true);
});

test('every case says what it must provoke, or what it must avoid and why it cannot provoke it', () => {
  const unproven = [...ONE_AT_A_TIME, ['all the hardest at once', HARDEST] as const]
    .filter(([, matrixCase]) => matrixCase.provokes.length === 0 && ((matrixCase.avoids ?? []).length === 0 || !matrixCase.limit))
    .map(([name]) => name);
  expect(unproven).toEqual([]);
});

describe('the core lifecycle under every undocumented Snyk behaviour (first half)', () => {
  test.each(FIRST_HALF)('%s', (_name, matrixCase) => runLifecycle(matrixCase), 240_000);
});
