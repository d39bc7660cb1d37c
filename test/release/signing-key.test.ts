import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { runCommand } from '../support/terraform';
import { makeThrowawayGpgKey } from './support';

const root = join(__dirname, '..', '..');
const gpgModule = join(root, 'scripts', 'release', 'gpg.mjs');

/** Runs takeSigningKey in a Node of its own with `env`, then reports what it took and what a child process would inherit. */
function takeSigningKeyIn(env: Record<string, string>): { taken: Record<string, string>; inherited: string[] } {
  const script = `
    import { execFileSync } from 'node:child_process';
    import { takeSigningKey } from ${JSON.stringify(gpgModule)};
    const taken = takeSigningKey();
    const inherited = execFileSync(process.execPath, ['-e', 'console.log(JSON.stringify(Object.keys(process.env)))'], { encoding: 'utf8' });
    console.log(JSON.stringify({ taken, inherited: JSON.parse(inherited).filter((name) => name.startsWith('GPG_')) }));
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' }));
}

test('the release takes the signing key out of its environment, so the programs it starts never inherit it', () => {
  const result = takeSigningKeyIn({ GPG_PRIVATE_KEY: 'armored secret', GPG_PASSPHRASE: 'passphrase', GPG_FINGERPRINT: 'ABCD', GPG_TTY: '/dev/pts/0' });
  expect(result.taken).toEqual({ GPG_PRIVATE_KEY: 'armored secret', GPG_PASSPHRASE: 'passphrase', GPG_FINGERPRINT: 'ABCD' });
  expect(result.inherited).toEqual(['GPG_TTY']);
});

describe('the signing key in a release', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cdktf-snyk-signing-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('scripts/release.mjs starts its first program (npm) without the key or the passphrase in its environment', async () => {
    // An empty cache makes the release fetch postject with `npm pack` first: a stand-in npm records what it inherits.
    const bin = join(dir, 'bin');
    const dump = join(dir, 'npm-env.txt');
    mkdirSync(bin);
    writeFileSync(join(bin, 'npm'), `#!/bin/sh\nenv > ${JSON.stringify(dump)}\nexit 1\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}`, GPG_PRIVATE_KEY: 'planted-private-key', GPG_PASSPHRASE: 'planted-passphrase', GPG_FINGERPRINT: 'ABCD' };
    const result = await runCommand(process.execPath, [join(root, 'scripts', 'release.mjs'), '--out', join(dir, 'out'), '--cache', join(dir, 'cache')], root, env);
    expect(result.code).toBe(1);
    const inherited = readFileSync(dump, 'utf8');
    expect(inherited).toContain(`PATH=${bin}`);
    expect(inherited).not.toMatch(/GPG_|planted-/);
    expect(result.stdout + result.stderr).not.toContain('planted-');
  });

  test('signs with a passphrase-protected key given GPG_PASSPHRASE and publishes only its public key; a wrong passphrase fails without showing it', () => {
    const passphrase = 'right-passphrase-7f3a';
    const key = makeThrowawayGpgKey(dir, passphrase);
    const file = join(dir, 'SHA256SUMS');
    writeFileSync(file, 'sums\n');
    const sign = (given: string): { keyId?: string; published?: string; secret?: boolean; error?: string } => {
      const script = `
        import { signDetached } from ${JSON.stringify(gpgModule)};
        try {
          const { keyId, asciiArmor } = signDetached(${JSON.stringify(file)}, ${JSON.stringify(`${file}.sig`)}, JSON.parse(process.env.SIGNING));
          console.log(JSON.stringify({ keyId, published: asciiArmor.split('\\n')[0], secret: asciiArmor.includes('PRIVATE') }));
        } catch (error) {
          console.log(JSON.stringify({ error: error.message }));
        }`;
      const signing = JSON.stringify({ GPG_PRIVATE_KEY: key, GPG_PASSPHRASE: given });
      return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH, SIGNING: signing }, encoding: 'utf8' }));
    };
    // What the registry publishes (signing_keys.gpg_public_keys) is the public key alone.
    expect(sign(passphrase)).toEqual({ keyId: expect.stringMatching(/^[0-9A-F]{16}$/), published: '-----BEGIN PGP PUBLIC KEY BLOCK-----', secret: false });
    const refused = sign('wrong-passphrase-9c1d');
    expect(refused.error).toMatch(/gpg could not sign/);
    expect(refused.error).not.toContain('wrong-passphrase-9c1d');
    expect(refused.error).not.toContain('PRIVATE KEY');
  });
});
