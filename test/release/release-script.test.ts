import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../support/terraform';

const root = join(__dirname, '..', '..');

/** scripts/release.mjs with `args`, no signing key unless `env` gives one; nothing is built when the input is wrong. */
function release(args: string[], env: NodeJS.ProcessEnv = {}) {
  const { GPG_PRIVATE_KEY: _ignored, ...withoutKey } = process.env;
  return runCommand(process.execPath, [join(root, 'scripts', 'release.mjs'), ...args], root, { ...withoutKey, ...env });
}

describe('npm run release, refusing early', () => {
  let out: string;
  beforeEach(() => (out = mkdtempSync(join(tmpdir(), 'cdktf-snyk-release-args-'))));
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  test('without a signing key it says which variables to set, before building anything', async () => {
    const result = await release(['--out', join(out, 'release')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('set GPG_PRIVATE_KEY to an ASCII-armored secret key');
    expect(result.stderr).toContain('GPG_FINGERPRINT / GPG_PASSPHRASE');
    expect(result.stdout).not.toContain('fetching');
  });

  test('an unknown platform is named with the ones the release covers', async () => {
    const result = await release(['--out', join(out, 'release'), '--platforms', 'linux_amd64,plan9_amd64'], { GPG_PRIVATE_KEY: 'not used' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Unknown platform plan9_amd64: the release covers linux_amd64, linux_arm64, windows_amd64, darwin_amd64, darwin_arm64.');
  });
});
