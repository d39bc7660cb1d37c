import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_NAME, PACKAGE_VERSION } from '../src/version';

test('the version constant matches package.json', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { name: string; version: string };
  expect(PACKAGE_VERSION).toBe(pkg.version);
  expect(PACKAGE_NAME).toBe(pkg.name);
});
