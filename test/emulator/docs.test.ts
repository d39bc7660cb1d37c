import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BEHAVIOR_NAMES, BEHAVIOR_TABLE } from '../../src/emulator';
import { withBehaviorTable } from '../../src/emulator/behaviors-doc';

const ROOT = join(__dirname, '..', '..');
const DOC = join(ROOT, 'docs', 'emulator.md');

describe('docs/emulator.md', () => {
  it('lists every behaviour and every value of src/emulator/behaviors.ts (regenerate: UPDATE_EMULATOR_DOCS=1 npx jest test/emulator/docs.test.ts)', () => {
    const written = readFileSync(DOC, 'utf8');
    const expected = withBehaviorTable(written);
    if (process.env.UPDATE_EMULATOR_DOCS === '1' && expected !== written) {
      writeFileSync(DOC, expected);
      return;
    }
    expect(written).toBe(expected);
    for (const name of BEHAVIOR_NAMES) {
      expect(written).toContain(`| \`${name}\` |`);
      BEHAVIOR_TABLE[name].values.forEach((value) => expect(written).toContain(`\`${value}\``));
    }
  });

  it('is where the README sends readers for the behaviours', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## The emulator'), readme.indexOf('\n## ', readme.indexOf('## The emulator') + 1));
    expect(section).toContain('docs/emulator.md');
    expect(section).toContain('--behavior');
  });
});
