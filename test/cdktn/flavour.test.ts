import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// lib/cdktn (the `cdktf-snyk/cdktn` entry) is lib's constructs with the core module importing `cdktn`. Here it is built
// from the compiled lib into a temp folder and loaded beside a stand-in `cdktn` package (cdktf under that name: CDK
// Terrain 0.24 is a rename of it), so that the test needs no network; test/cdktn/quickstart-cdktn.test.ts deploys with
// the real cdktn.
const root = join(__dirname, '..', '..');
const lib = join(root, 'lib');

function filesUnder(path: string): string[] {
  return statSync(path).isDirectory() ? readdirSync(path).flatMap((name) => filesUnder(join(path, name))) : [path];
}

describe('the CDK Terrain flavour of the constructs (cdktf-snyk/cdktn)', () => {
  let dir: string;
  let target: string;

  beforeAll(() => {
    if (!existsSync(join(lib, 'index.js'))) throw new Error('lib/ is not built: run npm run build');
    dir = mkdtempSync(join(tmpdir(), 'cdktn-flavour-'));
    target = join(dir, 'cdktn');
    execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `import { buildCdktnFlavour } from ${JSON.stringify(join(root, 'scripts', 'build-cdktn.mjs'))}; buildCdktnFlavour({ lib: ${JSON.stringify(lib)}, target: ${JSON.stringify(target)} });`],
      { stdio: 'inherit' },
    );
    const modules = join(dir, 'node_modules');
    mkdirSync(join(modules, 'cdktn'), { recursive: true });
    writeFileSync(join(modules, 'cdktn', 'index.js'), `module.exports = require(${JSON.stringify(join(root, 'node_modules', 'cdktf'))});\nmodule.exports.loadedAs = 'cdktn';\n`);
    symlinkSync(join(root, 'node_modules', 'constructs'), join(modules, 'constructs'), 'dir');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('only the core module names the core library, and it names cdktn', () => {
    const mentions = filesUnder(target).filter((file) => /["']cdkt[fn]["']/.test(readFileSync(file, 'utf8')));
    expect(mentions.map((file) => file.slice(target.length + 1)).sort()).toEqual(['constructs/core.d.ts', 'constructs/core.js']);
    expect(readFileSync(join(target, 'constructs', 'core.js'), 'utf8')).toContain('require("cdktn")');
    expect(readFileSync(join(target, 'constructs', 'core.d.ts'), 'utf8')).toContain("from 'cdktn'");
  });

  test('an app built on cdktn synthesizes the constructs from it, sharing the rest of lib', () => {
    const outdir = join(dir, 'out');
    const app = `
const cdktn = require('cdktn');
const snyk = require(${JSON.stringify(join(target, 'index.js'))});
const app = new cdktn.App({ outdir: ${JSON.stringify(outdir)} });
const stack = new cdktn.TerraformStack(app, 'stack');
new snyk.SnykProvider(stack, 'snyk');
new snyk.Organization(stack, 'org', { name: 'platform', groupId: 'group' });
app.synth();
console.log(JSON.stringify({ core: require(${JSON.stringify(join(target, 'constructs', 'core.js'))}).loadedAs, shared: snyk.INTEGRATION_TYPES === require(${JSON.stringify(join(lib, 'index.js'))}).INTEGRATION_TYPES }));
`;
    const output = execFileSync(process.execPath, ['-e', app], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_PATH: join(dir, 'node_modules') } });
    expect(JSON.parse(output.trim().split('\n').pop()!)).toEqual({ core: 'cdktn', shared: true });
    const synthesized = JSON.parse(readFileSync(join(outdir, 'stacks', 'stack', 'cdk.tf.json'), 'utf8')) as { resource: Record<string, unknown> };
    expect(Object.keys(synthesized.resource)).toContain('snyk_organization');
  });
});
