import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');
const committed = join(root, 'src', 'generated');

function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

describe('generated bindings', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'cdktf-snyk-bindings-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  // The same source as `npm run generate`: the bundled provider's own schema (jest's global setup bundles it).
  it('are what the provider schema produces (run `npm run generate` after changing the provider schema)', () => {
    const out = join(scratch, 'from-provider');
    execFileSync(process.execPath, [join(root, 'scripts', 'generate-bindings.mjs'), '--out', out], { stdio: 'pipe' });
    const expected = filesUnder(out);
    const actual = filesUnder(committed);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [file, text] of expected) {
      expect({ file, text: actual.get(file) }).toEqual({ file, text });
    }
  });

  it('are what the provisional schema fixture produces, so the fixture matches the provider', () => {
    const out = join(scratch, 'from-fixture');
    const schema = join(root, 'test', 'fixtures', 'provisional-schema.json');
    execFileSync(process.execPath, [join(root, 'scripts', 'generate-bindings.mjs'), '--schema', schema, '--out', out], { stdio: 'pipe' });
    expect(filesUnder(out)).toEqual(filesUnder(committed));
  });

  it('import the core library only through src/constructs/core.ts', () => {
    for (const [file, text] of filesUnder(committed)) {
      expect({ file, importsCdktf: /from 'cdktf'/.test(text) }).toEqual({ file, importsCdktf: false });
    }
  });
});
