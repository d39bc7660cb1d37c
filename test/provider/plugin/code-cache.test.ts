import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CODE_CACHE_DIR_ENV } from '../../../src/provider/plugin/code-cache';

// Each compile runs in its own Node process, as each provider launch does: the cache is written when a process exits.
describe('compileWithCodeCache', () => {
  let dir: string;
  let script: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'code-cache-test-'));
    const module = join(dir, 'code-cache.cjs');
    await build({
      stdin: { contents: "export * from './code-cache';\nexport * from './code-paths';\n", resolveDir: join(__dirname, '../../../src/provider/plugin'), loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: module,
      logLevel: 'warning',
    });
    script = join(dir, 'launch.cjs');
    // argv: the source key, then the code paths the launch runs (the first one before compiling: the kind of launch).
    writeFileSync(
      script,
      `const { compileWithCodeCache, noteCodePath } = require(${JSON.stringify(module)});
const [kind, ...ran] = (process.argv[3] ?? '').split(',').filter(Boolean);
if (kind) noteCodePath(kind);
const compiled = compileWithCodeCache({ source: 'module.exports = function answer() { return 6 * 7; };', sourceKey: process.argv[2], filename: 'answer.js' });
for (const path of ran) noteCodePath(path);
const chunk = { exports: {} };
compiled.run(chunk.exports, require, chunk, 'answer.js', '.');
console.log(JSON.stringify({ answer: chunk.exports(), fromCache: compiled.fromCache }));`,
    );
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const launch = (cacheDir: string, sourceKey = 'source-a', codePaths = '') =>
    JSON.parse(execFileSync(process.execPath, [script, sourceKey, codePaths], { encoding: 'utf8', env: { ...process.env, [CODE_CACHE_DIR_ENV]: cacheDir } })) as { answer: number; fromCache: boolean };

  test('the first launch compiles and leaves a cache; the next one runs from it', () => {
    const cacheDir = join(dir, 'cache');
    expect(launch(cacheDir)).toEqual({ answer: 42, fromCache: false });
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(new RegExp(`^source-a-${process.version}-${process.arch}\\.v8cache$`))]);
    expect(launch(cacheDir)).toEqual({ answer: 42, fromCache: true });
    expect(launch(cacheDir, 'source-b')).toEqual({ answer: 42, fromCache: false });
  });

  test('each kind of launch has its own cache, saved again only by a launch that ran paths it does not cover', () => {
    const cacheDir = join(dir, 'kinds');
    const cacheOf = (kind: string) => join(cacheDir, `source-a-${kind}-${process.version}-${process.arch}.v8cache`);
    const longAgo = new Date(Date.now() - 24 * 3600_000);
    const savedSince = (file: string) => statSync(file).mtimeMs > longAgo.getTime() + 1000;
    expect(launch(cacheDir, 'source-a', 'Validate')).toEqual({ answer: 42, fromCache: false });
    expect(launch(cacheDir, 'source-a', 'Plan,Read')).toEqual({ answer: 42, fromCache: false });
    expect(readdirSync(cacheDir).sort()).toEqual([basename(cacheOf('Plan')), basename(cacheOf('Validate'))]);
    utimesSync(cacheOf('Plan'), longAgo, longAgo);
    expect(launch(cacheDir, 'source-a', 'Plan,Read')).toEqual({ answer: 42, fromCache: true });
    expect(savedSince(cacheOf('Plan'))).toBe(false);
    expect(launch(cacheDir, 'source-a', 'Plan,Apply')).toEqual({ answer: 42, fromCache: true });
    expect(savedSince(cacheOf('Plan'))).toBe(true);
    utimesSync(cacheOf('Plan'), longAgo, longAgo);
    expect(launch(cacheDir, 'source-a', 'Plan,Apply,Read')).toEqual({ answer: 42, fromCache: true });
    expect(savedSince(cacheOf('Plan'))).toBe(false);
  });

  test('a damaged cache file is ignored and replaced', () => {
    const cacheDir = join(dir, 'damaged');
    launch(cacheDir);
    writeFileSync(join(cacheDir, readdirSync(cacheDir)[0]), 'not a V8 code cache');
    expect(launch(cacheDir)).toEqual({ answer: 42, fromCache: false });
    expect(launch(cacheDir)).toEqual({ answer: 42, fromCache: true });
  });

  test('writing a cache removes the cache files not written for a month, and nothing else', () => {
    const cacheDir = join(dir, 'stale');
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    const old = new Date(Date.now() - 40 * 24 * 3600_000);
    for (const name of ['old-build-v20.0.0-x64.v8cache', 'recent-build-v20.0.0-x64.v8cache', 'notes.txt']) writeFileSync(join(cacheDir, name), 'x');
    utimesSync(join(cacheDir, 'old-build-v20.0.0-x64.v8cache'), old, old);
    utimesSync(join(cacheDir, 'notes.txt'), old, old);
    launch(cacheDir);
    const files = readdirSync(cacheDir).sort();
    expect(files).toEqual(['notes.txt', 'recent-build-v20.0.0-x64.v8cache', expect.stringMatching(/^source-a-.*\.v8cache$/)]);
  });

  test('off turns the cache off', () => {
    expect(launch('off')).toEqual({ answer: 42, fromCache: false });
    expect(launch('off')).toEqual({ answer: 42, fromCache: false });
  });

  test('a folder that others may write to is not used: cached code is run', () => {
    if (process.getuid === undefined) return;
    const shared = join(dir, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    expect(launch(shared)).toEqual({ answer: 42, fromCache: false });
    expect(readdirSync(shared)).toEqual([]);
  });
});
