import { HARDEST, SECOND_HALF } from './behaviour-matrix-cases';
import { runLifecycle } from './lifecycle';

describe('the core lifecycle under every undocumented Snyk behaviour (second half, then all the hardest at once)', () => {
  test.each(SECOND_HALF)('%s', (_name, matrixCase) => runLifecycle(matrixCase), 240_000);

  test('all the hardest at once', () => runLifecycle(HARDEST), 240_000);
});
