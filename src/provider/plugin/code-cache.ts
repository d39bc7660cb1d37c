import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { notedCodePaths } from './code-paths';

/** Where compiled code is cached; `off` turns the cache off. @default a folder of this user's under the temp dir */
export const CODE_CACHE_DIR_ENV = 'TF_PROVIDER_SNYK_CODE_CACHE';

/** The parameters a CommonJS module body receives. */
export type ModuleFunction = (exports: object, require: (id: string) => unknown, module: { exports: unknown }, filename: string, dirname: string) => void;

export interface CompiledModule {
  readonly run: ModuleFunction;
  /** True when V8 took the compiled code from the cache file. */
  readonly fromCache: boolean;
}

export interface CachedCompileOptions {
  /** The module body (CommonJS). */
  readonly source: string;
  /** Identifies `source` (its hash, computed when it was bundled): a cache file serves one source only. */
  readonly sourceKey: string;
  /** Shown in stack traces. */
  readonly filename: string;
}

/**
 * Compiles a CommonJS module body with V8's code cache. Terraform starts the provider three times per plan, and each
 * start used to compile the provider's code again (tens of ms). The first start compiles as usual and, when the
 * process exits, saves V8's code for every function it ran; later starts of the same provider on the same Node read
 * it back and skip that work.
 *
 * Launches differ (a plan's second launch only validates; its third reads, plans and calls Snyk), and reading a
 * cache costs in proportion to its size, so each kind of launch, told apart by the code path that made it compile
 * (see `noteCodePath`), has its own cache; a launch that ran paths its cache does not cover saves it again with its
 * own functions added. V8 checks the cache against its own version and flags and falls back to compiling when it
 * does not fit; a cache that cannot be read or written is simply not used.
 */
export function compileWithCodeCache(options: CachedCompileOptions): CompiledModule {
  const file = codeCacheFile(options.sourceKey, [...notedCodePaths()][0]);
  const cached = file ? readCacheFile(file) : undefined;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${options.source}\n})`, {
    filename: options.filename,
    cachedData: cached?.data,
  });
  const fromCache = cached !== undefined && script.cachedDataRejected !== true;
  if (file) {
    process.once('exit', () => {
      const covered = fromCache ? cached.codePaths : new Set<string>();
      if (fromCache && [...notedCodePaths()].every((path) => covered.has(path))) return;
      // At exit the cache holds the functions this process compiled or took from the cache, not only the top level.
      writeAtomically(file, encodeCacheFile(script.createCachedData(), new Set([...covered, ...notedCodePaths()])));
    });
  }
  return { run: script.runInThisContext() as ModuleFunction, fromCache };
}

interface CacheFile {
  readonly data: Buffer;
  readonly codePaths: ReadonlySet<string>;
}

// A cache file: this tag, the length of a JSON header (the code paths it covers), the header, then V8's cache data.
const CACHE_FILE_TAG = Buffer.from('tpsnyk-cc1');
const HEADER_LENGTH_BYTES = 4;

function encodeCacheFile(data: Buffer, codePaths: ReadonlySet<string>): Buffer {
  const header = Buffer.from(JSON.stringify([...codePaths].sort()));
  const headerLength = Buffer.alloc(HEADER_LENGTH_BYTES);
  headerLength.writeUInt32BE(header.length);
  return Buffer.concat([CACHE_FILE_TAG, headerLength, header, data]);
}

/** The cache in `file`; undefined when it is missing, not this user's, or not in this format (it is then replaced). */
function readCacheFile(file: string): CacheFile | undefined {
  const bytes = readOwnFile(file);
  const headerStart = CACHE_FILE_TAG.length + HEADER_LENGTH_BYTES;
  if (!bytes || bytes.length < headerStart || !bytes.subarray(0, CACHE_FILE_TAG.length).equals(CACHE_FILE_TAG)) return undefined;
  const dataStart = headerStart + bytes.readUInt32BE(CACHE_FILE_TAG.length);
  try {
    const codePaths: unknown = JSON.parse(bytes.subarray(headerStart, dataStart).toString('utf8'));
    if (!Array.isArray(codePaths) || dataStart >= bytes.length) return undefined;
    return { data: bytes.subarray(dataStart), codePaths: new Set(codePaths.map(String)) };
  } catch {
    return undefined;
  }
}

/**
 * The cache file of one source on this Node for one kind of launch (the code path that made it compile), in a folder
 * only this user can write; undefined when caching is off.
 */
function codeCacheFile(sourceKey: string, launchKind: string | undefined): string | undefined {
  const configured = process.env[CODE_CACHE_DIR_ENV];
  if (configured === 'off') return undefined;
  const dir = configured || join(tmpdir(), `terraform-provider-snyk-${process.getuid?.() ?? 'user'}`);
  if (!privateFolder(dir)) return undefined;
  const kind = launchKind?.replace(/[^A-Za-z0-9]+/g, '_');
  return join(dir, `${sourceKey}${kind ? `-${kind}` : ''}-${process.version}-${process.arch}.v8cache`);
}

/** True when `dir` exists (created if needed) and belongs to this user alone: cached code is run, so nobody else may plant it. */
function privateFolder(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stats = statSync(dir);
    const uid = process.getuid?.();
    return stats.isDirectory() && (uid === undefined || (stats.uid === uid && (stats.mode & 0o022) === 0));
  } catch {
    return false;
  }
}

function readOwnFile(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const stats = fstatSync(fd);
    const uid = process.getuid?.();
    if (!stats.isFile() || (uid !== undefined && stats.uid !== uid)) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Concurrent provider processes may write the same file: each writes its own temp file and renames it into place. */
function writeAtomically(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, file);
    removeStaleCaches(dirname(file), file);
  } catch {
    // A cache that cannot be written only costs the next launch the compile time it would have saved.
  }
}

const STALE_AFTER_MS = 30 * 24 * 3600_000;

/** Each provider build and Node version leaves its own file: those not written for a month go (a new one is rare). */
function removeStaleCaches(dir: string, keep: string): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (path === keep || !/\.v8cache(\.\d+\.tmp)?$/.test(name)) continue;
    if (now - statSync(path).mtimeMs > STALE_AFTER_MS) rmSync(path, { force: true });
  }
}
