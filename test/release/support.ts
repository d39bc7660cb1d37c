import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A throwaway RSA signing key made with Debian's gpg in its own home; returns the ASCII-armored secret key. */
export function makeThrowawayGpgKey(dir: string, passphrase = ''): string {
  const home = join(dir, 'gnupg');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const gpg = (args: string[]): Buffer => execFileSync('gpg', ['--homedir', home, '--batch', '--no-tty', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const loopback = ['--pinentry-mode', 'loopback', '--passphrase', passphrase];
    gpg([...loopback, '--quick-gen-key', 'cdktf-snyk release test <release-test@example.invalid>', 'rsa2048', 'sign', '1d']);
    return gpg([...loopback, '--armor', '--export-secret-keys']).toString();
  } finally {
    execFileSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'], { stdio: 'ignore' });
  }
}

export interface ThrowawayTls {
  /** The CA certificate Terraform is given with SSL_CERT_FILE. */
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

/** A throwaway CA and a server certificate it signed for localhost and 127.0.0.1, made with openssl. */
export function makeThrowawayTls(dir: string): ThrowawayTls {
  mkdirSync(dir, { recursive: true });
  const file = (name: string): string => join(dir, name);
  const openssl = (args: string[]): void => void execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(['req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '1', '-subj', '/CN=cdktf-snyk throwaway test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign']);
  openssl(['req', ...ec, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=localhost']);
  writeFileSync(file('server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl(['x509', '-req', '-in', file('server.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file('server.pem'), '-days', '1', '-extfile', file('server.ext')]);
  return { caFile: file('ca.pem'), certFile: file('server.pem'), keyFile: file('server.key') };
}

/** The provider blocks of a lock file: address -> its hashes. */
export function lockFileHashes(lockFile: string): Record<string, string[]> {
  const text = readFileSync(lockFile, 'utf8');
  const blocks: Record<string, string[]> = {};
  for (const match of text.matchAll(/provider "([^"]+)" \{([\s\S]*?)\n\}/g)) {
    blocks[match[1]] = [...match[2].matchAll(/"((?:h1|zh):[^"]+)"/g)].map((hash) => hash[1]);
  }
  return blocks;
}

/** Format and CPU of an executable from its header, checked independently of the release script. */
export function describeExecutable(image: Buffer): { format: string; arch: string } {
  if (image.readUInt32BE(0) === 0x7f454c46) {
    return { format: 'elf', arch: { 0x3e: 'amd64', 0xb7: 'arm64' }[image.readUInt16LE(18)] ?? 'other' };
  }
  if (image.toString('latin1', 0, 2) === 'MZ') {
    const pe = image.readUInt32LE(0x3c);
    const arch = image.toString('latin1', pe, pe + 4) === 'PE\0\0' ? ({ 0x8664: 'amd64', 0xaa64: 'arm64' }[image.readUInt16LE(pe + 4)] ?? 'other') : 'none';
    return { format: 'pe', arch };
  }
  if (image.readUInt32LE(0) === 0xfeedfacf) {
    return { format: 'macho', arch: { 0x01000007: 'amd64', 0x0100000c: 'arm64' }[image.readUInt32LE(4)] ?? 'other' };
  }
  return { format: 'unknown', arch: 'unknown' };
}

/** The load command ids of a thin 64-bit Mach-O image. */
export function machoLoadCommands(image: Buffer): number[] {
  const commands: number[] = [];
  for (let offset = 32, index = 0; index < image.readUInt32LE(16); index += 1) {
    commands.push(image.readUInt32LE(offset));
    offset += image.readUInt32LE(offset + 4);
  }
  return commands;
}
