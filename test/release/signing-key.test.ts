import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const gpgModule = join(__dirname, '..', '..', 'scripts', 'release', 'gpg.mjs');

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
