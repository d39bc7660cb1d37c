import { createLogger } from '../../../src/provider/plugin/logger';

describe('createLogger', () => {
  test('enabled says which levels are written, so that costly fields are built only for them', () => {
    const lines: string[] = [];
    const logger = createLogger({ module: 'test', level: 'debug', write: (line) => lines.push(line) });
    expect(['trace', 'debug', 'info', 'error'].map((level) => logger.enabled(level as 'trace'))).toEqual([false, true, true, true]);
    logger.trace('hidden');
    logger.debug('shown');
    expect(lines.map((line) => JSON.parse(line)['@message'])).toEqual(['shown']);
  });
});
