import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { App, Testing, TerraformStack } from '../../src/constructs/core';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
// The construct examples of the walk-through; the client example is examples/client/main.ts, tested on its own.
const walkThrough = readme.slice(readme.indexOf('## Walk-through'), readme.indexOf('## Plain Terraform'));
const snippets = [...walkThrough.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);

type StackClass = new (scope: App, id: string) => TerraformStack;

describe('the README walk-through', () => {
  let scratch: string;
  beforeAll(() => {
    // Inside the project, so that the compiled snippets find cdktf and constructs in node_modules.
    mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
    scratch = mkdtempSync(join(root, 'node_modules', '.cache', 'cdktf-snyk-readme-'));
    snippets.forEach((code, index) => writeFileSync(join(scratch, `snippet${index}.ts`), code));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('has TypeScript examples', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(4);
  });

  it('compiles every example against the package exports', () => {
    const files = snippets.map((_, index) => join(scratch, `snippet${index}.ts`));
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
      baseUrl: root,
      paths: { 'cdktf-snyk': ['src/index.ts'] },
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => `${diagnostic.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    expect(problems).toEqual([]);
  });

  it('synthesizes every example stack, validations included, with no secret in it', async () => {
    const planted = 'planted-api-key-for-the-readme';
    const saved = process.env.SNYK_TOKEN;
    process.env.SNYK_TOKEN = planted;
    try {
      for (const [index] of snippets.entries()) {
        const outfile = join(scratch, `snippet${index}.js`);
        await build({
          entryPoints: [join(scratch, `snippet${index}.ts`)],
          outfile,
          bundle: true,
          platform: 'node',
          format: 'cjs',
          external: ['cdktf', 'constructs'],
          alias: { 'cdktf-snyk': join(root, 'src', 'index.ts') },
          logLevel: 'silent',
        });
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const exports = require(outfile) as Record<string, StackClass>;
        const stacks = Object.values(exports).filter((value) => typeof value === 'function');
        expect(stacks).toHaveLength(1);
        const json = Testing.synth(new stacks[0](Testing.app(), `snippet${index}`), true);
        expect(json).not.toContain(planted);
      }
    } finally {
      if (saved === undefined) delete process.env.SNYK_TOKEN;
      else process.env.SNYK_TOKEN = saved;
    }
  });
});
