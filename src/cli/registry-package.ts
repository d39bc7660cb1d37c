import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

/** One file of a provider package zip. */
export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
  /** Unix permission bits recorded in the zip (0 when the zip was not made on Unix). */
  readonly mode: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;

/** The files in a zip archive (stored or deflated entries; a provider package holds one executable). */
export function readZipEntries(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || zip.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) throw new Error('not a zip archive');
  const count = zip.readUInt16LE(end + 10);
  const entries: ZipEntry[] = [];
  for (let offset = zip.readUInt32LE(end + 16), index = 0; index < count; index += 1) {
    if (zip.readUInt32LE(offset) !== CENTRAL_FILE_HEADER) throw new Error('corrupt zip central directory');
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const madeOnUnix = zip.readUInt8(offset + 5) === 3;
    const mode = madeOnUnix ? (zip.readUInt32LE(offset + 38) >>> 16) & 0o777 : 0;
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    if (method !== 0 && method !== 8) throw new Error(`${name}: unsupported zip compression method ${method}`);
    entries.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw), mode });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The SHA-256 that a SHA256SUMS file gives for `filename`. */
export function expectedSha256(sums: string, filename: string): string | undefined {
  return sums
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find(([, name]) => name === filename)?.[0];
}

/** Whether `from` names a release by URL (else a folder). */
export const isUrl = (from: string): boolean => /^https?:\/\//.test(from);

/**
 * A release URL without its user and password (as the messages show it), and the Basic authorization they make:
 * fetch refuses a URL that carries credentials, and its error quotes them.
 */
function splitCredentials(from: string): { shown: string; headers: Record<string, string> } {
  if (!isUrl(from)) return { shown: from, headers: {} };
  const url = new URL(from);
  if (!url.username && !url.password) return { shown: from, headers: {} };
  const basic = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64');
  url.username = '';
  url.password = '';
  return { shown: url.toString(), headers: { authorization: `Basic ${basic}` } };
}

/** A file of a release: `from` is the release folder or the URL it is served at. */
export async function readReleaseFile(from: string, name: string): Promise<Buffer> {
  if (!isUrl(from)) return readFileSync(join(from, name));
  const { shown, headers } = splitCredentials(from);
  const url = `${shown.replace(/\/+$/, '')}/${name}`;
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}.`);
  return Buffer.from(await response.arrayBuffer());
}

/** The zip `filename` of the release at `from`, checked against the release's SHA256SUMS. */
export async function readVerifiedPackage(from: string, filename: string, shasumsFile: string): Promise<Buffer> {
  const { shown } = splitCredentials(from);
  const sums = (await readReleaseFile(from, shasumsFile)).toString('utf8');
  const expected = expectedSha256(sums, filename);
  if (!expected) throw new Error(`${shasumsFile} at ${shown} lists no ${filename}.`);
  const zip = await readReleaseFile(from, filename);
  const actual = createHash('sha256').update(zip).digest('hex');
  if (actual !== expected) throw new Error(`${filename} from ${shown} has SHA-256 ${actual}, but ${shasumsFile} says ${expected}: download it again.`);
  return zip;
}
