import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The dependency rules of ARCHITECTURE.md, checked on every import in src/.
const root = join(__dirname, '..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

interface ImportEdge {
  readonly from: string;
  /** A path relative to the project root for local imports, else the package name. */
  readonly to: string;
}

function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)'([^']+)'/g)].map((match) => match[1]);
  return specifiers.map((specifier) => ({
    from: relative(root, file),
    to: specifier.startsWith('.') ? relative(root, resolve(dirname(file), specifier)) : specifier,
  }));
}

const edges = sourceFiles(src).flatMap(importsOf);

function violations(rule: (edge: ImportEdge) => boolean): string[] {
  return edges.filter(rule).map((edge) => `${edge.from} -> ${edge.to}`);
}

const inside = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

test('nothing outside the provider imports it; the provider is reached only through its executable', () => {
  expect(violations((e) => !inside(e.from, 'src/provider') && inside(e.to, 'src/provider'))).toEqual([]);
});

test('the plugin layer knows nothing of Snyk, the framework or resources', () => {
  expect(
    violations((e) => inside(e.from, 'src/provider/plugin') && (inside(e.to, 'src/snyk') || (inside(e.to, 'src/provider') && !inside(e.to, 'src/provider/plugin')))),
  ).toEqual([]);
});

test('the framework knows nothing of Snyk or of the resources declared with it', () => {
  expect(
    violations(
      (e) => inside(e.from, 'src/provider/framework') && (inside(e.to, 'src/snyk') || inside(e.to, 'src/provider/resources') || inside(e.to, 'src/provider/data-sources')),
    ),
  ).toEqual([]);
});

test('the client depends on no other part', () => {
  expect(violations((e) => inside(e.from, 'src/snyk') && e.to.startsWith('src/') && !inside(e.to, 'src/snyk') && e.to !== 'src/version')).toEqual([]);
});

test('constructs import only generated bindings, the one core module, and the pure Snyk fact tables', () => {
  const allowedSnyk = ['src/snyk/integration-types', 'src/snyk/regions', 'src/snyk/universal-broker/connection-types'];
  expect(
    violations(
      (e) =>
        inside(e.from, 'src/constructs') &&
        ((e.to.startsWith('src/') && !inside(e.to, 'src/constructs') && !inside(e.to, 'src/generated') && !allowedSnyk.includes(e.to)) || e.to === 'axios'),
    ),
  ).toEqual([]);
});

test('every import of the core CDKTF library sits in one module', () => {
  const cdktfImporters = [...new Set(edges.filter((e) => e.to === 'cdktf' || e.to.startsWith('cdktf/')).map((e) => e.from))];
  expect(cdktfImporters).toEqual(['src/constructs/core.ts']);
});

test('the plan summary is a domain of its own: it reads plan JSON and imports no other part (the CLI is a shell over it)', () => {
  expect(violations((e) => inside(e.from, 'src/plan-summary') && e.to.startsWith('src/') && !inside(e.to, 'src/plan-summary'))).toEqual([]);
  expect(existsSync(join(src, 'cli', 'plan-summary'))).toBe(false);
});
