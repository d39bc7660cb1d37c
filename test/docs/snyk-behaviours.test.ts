import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSnykBehaviours, SNYK_BEHAVIOURS } from '../../src/cli/snyk-behaviours-doc';
import { BEHAVIOR_TABLE } from '../../src/emulator';

const root = join(__dirname, '..', '..');

test('the README carries the same "Undocumented Snyk behaviours" table as the provider reference', () => {
  expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(renderSnykBehaviours().join('\n'));
});

test('every emulator switch the table names exists, and every classic-API behaviour of the emulator is in the table', () => {
  const named = SNYK_BEHAVIOURS.flatMap((entry) => [...(entry.emulatorSwitch ?? '').matchAll(/`([a-z-]+)`/g)].map((match) => match[1]));
  const emulatorNames = Object.keys(BEHAVIOR_TABLE);
  for (const name of named) expect(emulatorNames).toContain(name);
  const classic = emulatorNames.filter((name) => !name.startsWith('ub-') && name !== 'api-key-auth');
  expect(classic.filter((name) => !named.includes(name))).toEqual([]);
});
