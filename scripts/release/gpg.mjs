// Signs the SHA256SUMS file with the release key from the environment, in a throwaway GnuPG home so that the
// user's own keyrings are never read or changed:
//   GPG_PRIVATE_KEY  the ASCII-armored secret key (required)
//   GPG_FINGERPRINT  which key to sign with, when the armor holds several (optional)
//   GPG_PASSPHRASE   its passphrase (optional)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const MISSING_KEY_MESSAGE = [
  'The release signs its SHA256SUMS: set GPG_PRIVATE_KEY to an ASCII-armored secret key',
  '(gpg --armor --export-secret-keys FINGERPRINT), and GPG_FINGERPRINT / GPG_PASSPHRASE if needed.',
  'Registries show the public key to users, so use the key you publish for this provider.',
].join('\n');

const SIGNING_VARIABLES = ['GPG_PRIVATE_KEY', 'GPG_FINGERPRINT', 'GPG_PASSPHRASE'];

/**
 * Takes the signing key's variables out of `env` (process.env by default) and returns them: the release starts npm,
 * tar, node and gpg, and none of them needs the secret key or its passphrase in its environment.
 */
export function takeSigningKey(env = process.env) {
  const taken = {};
  for (const name of SIGNING_VARIABLES) {
    if (env[name] !== undefined) taken[name] = env[name];
    delete env[name];
  }
  return taken;
}

function gpg(home, args, input) {
  return execFileSync('gpg', ['--homedir', home, '--batch', '--yes', '--no-tty', ...args], {
    input,
    env: withoutSigningKey(process.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Imports the key, signs `file` into `signatureFile` (detached, binary), returns the public key and its id. */
export function signDetached(file, signatureFile, env = process.env) {
  if (!env.GPG_PRIVATE_KEY) throw new Error(MISSING_KEY_MESSAGE);
  const home = mkdtempSync(join(tmpdir(), 'cdktf-snyk-gpg-'));
  try {
    gpg(home, ['--import'], env.GPG_PRIVATE_KEY);
    const fingerprint = env.GPG_FINGERPRINT?.replace(/\s+/g, '') || firstSecretKeyFingerprint(home);
    const passphrase = env.GPG_PASSPHRASE ? ['--pinentry-mode', 'loopback', '--passphrase-fd', '0'] : [];
    gpg(home, [...passphrase, '--local-user', fingerprint, '--output', signatureFile, '--detach-sign', file], env.GPG_PASSPHRASE ?? '');
    const asciiArmor = gpg(home, ['--armor', '--export', fingerprint]).toString();
    return { keyId: fingerprint.slice(-16).toUpperCase(), fingerprint: fingerprint.toUpperCase(), asciiArmor };
  } catch (error) {
    const stderr = error && typeof error === 'object' && 'stderr' in error ? String(error.stderr) : '';
    throw new Error(`gpg could not sign ${file}: ${stderr || (error instanceof Error ? error.message : String(error))}`);
  } finally {
    try {
      execFileSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'], { stdio: 'ignore' });
    } catch {
      // no agent was started
    }
    rmSync(home, { recursive: true, force: true });
  }
}

function withoutSigningKey(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !SIGNING_VARIABLES.includes(name)));
}

function firstSecretKeyFingerprint(home) {
  const listing = gpg(home, ['--list-secret-keys', '--with-colons']).toString();
  const fingerprint = listing.split('\n').find((line) => line.startsWith('fpr:'))?.split(':')[9];
  if (!fingerprint) throw new Error('GPG_PRIVATE_KEY holds no secret key.');
  return fingerprint;
}
