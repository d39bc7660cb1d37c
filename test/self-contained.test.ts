import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * A fresh clone must pass its tests with nothing beside it: no file of the repository may reach the project's shared
 * reference folder (which lives next to the working tree on the development machine, not in the repository), nor any
 * other path outside the repository. `.ci/run` also proves it by running the contract suite from a copy of the tracked
 * files alone.
 */

const root = join(__dirname, '..');

/** Folders that are not the repository's own files: installed or built (they are in .gitignore), and git's. */
function ignoredFolders(): Set<string> {
  const gitignore = readFileSync(join(root, '.gitignore'), 'utf8');
  const folders = gitignore
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.endsWith('/') && !line.includes('*'))
    .map((line) => line.replace(/^\/|\/$/g, ''));
  return new Set([...folders, '.git']);
}

function repositoryFiles(dir: string, ignored: Set<string>): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (ignored.has(name) || name.endsWith('.tsbuildinfo')) return [];
    const stat = statSync(path);
    if (stat.isDirectory()) return repositoryFiles(path, ignored);
    return stat.size < 5_000_000 ? [path] : [];
  });
}

// Built from parts so that this file does not match itself.
const SHARED = 'sha' + 'red';
const OUTSIDE_REFERENCES = [new RegExp(`\\.\\.[\\\\/]+${SHARED}\\b`), new RegExp(`/work/${SHARED}\\b`), new RegExp(`${SHARED}[\\\\/]reference\\b`)];

/** `join(__dirname, '..', 'x')` and the like, with only string literals: where they point, relative to the root. */
function dirnameJoins(file: string, text: string): Array<{ expression: string; target: string }> {
  const calls = text.matchAll(/\b(?:join|resolve)\(\s*__dirname((?:\s*,\s*(?:'[^']*'|"[^"]*"))+)\s*\)/g);
  return [...calls].map((match) => {
    const segments = [...(match[1] ?? '').matchAll(/'([^']*)'|"([^"]*)"/g)].map((segment) => segment[1] ?? segment[2] ?? '');
    return { expression: match[0], target: relative(root, resolve(dirname(file), ...segments)) };
  });
}

const files = repositoryFiles(root, ignoredFolders());

describe('the repository is self-contained', () => {
  it('finds the files it checks (sources, tests, scripts, examples, package.json, the Snyk specs)', () => {
    const names = files.map((file) => relative(root, file).split(sep).join('/'));
    expect(names).toEqual(expect.arrayContaining(['package.json', 'src/index.ts', 'test/contract/openapi.ts', 'spec/snyk/snyk-v1-openapi-subset.yaml', 'spec/snyk/snyk-rest-openapi-subset.json']));
    expect(names.some((name) => name.startsWith('scripts/'))).toBe(true);
    expect(names.some((name) => name.startsWith('examples/'))).toBe(true);
    expect(names.some((name) => name.startsWith('node_modules/'))).toBe(false);
  });

  it('no file refers to the shared reference folder outside the repository', () => {
    const offenders = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return OUTSIDE_REFERENCES.filter((pattern) => pattern.test(text)).map((pattern) => `${relative(root, file)}: matches ${pattern}`);
    });
    expect(offenders).toEqual([]);
  });

  it('no source reaches outside the repository through join(__dirname, ...)', () => {
    const code = files.filter((file) => /\.(ts|js|mjs|cjs)$/.test(file));
    const escapes = code.flatMap((file) =>
      dirnameJoins(file, readFileSync(file, 'utf8'))
        .filter(({ target }) => target === '..' || target.startsWith(`..${sep}`))
        .map(({ expression, target }) => `${relative(root, file)}: ${expression} -> ${target}`),
    );
    expect(escapes).toEqual([]);
  });

  it('the __dirname check would catch the old way the contract tests found the spec', () => {
    // Quoted with ~ here so that this file does not match itself.
    const old = `join(__dirname, ~..~, ~..~, ~..~, ~${SHARED}~, ~reference~, ~snyk-v1-openapi-subset.yaml~)`.replace(/~/g, "'");
    expect(dirnameJoins(join(root, 'test', 'contract', 'openapi.ts'), old)[0]?.target).toBe(join('..', SHARED, 'reference', 'snyk-v1-openapi-subset.yaml'));
    expect(OUTSIDE_REFERENCES.some((pattern) => pattern.test(`see ../${SHARED}/reference/snyk-api.md`))).toBe(true);
  });
});
