import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installStandaloneProvider, STANDALONE_PLATFORMS, terraformPlatform } from '../../src/cli/provider-install';
import { readZipEntries } from '../../src/cli/registry-package';
import { RunningRegistryServer, startRegistryServer } from '../../src/cli/registry-server';
import { PACKAGE_VERSION } from '../../src/version';

const root = join(__dirname, '..', '..');
const PREFIX = `terraform-provider-snyk_${PACKAGE_VERSION}`;
const EXECUTABLE = `terraform-provider-snyk_v${PACKAGE_VERSION}`;

/** Writes a zip with the release script's own zip writer (scripts/release/zip.mjs). */
function writeZipWithReleaseScript(file: string, entries: { name: string; content: string; mode: number }[]): void {
  const script = `
    import { writeZip } from ${JSON.stringify(join(root, 'scripts', 'release', 'zip.mjs'))};
    const entries = JSON.parse(process.argv[1]).map((entry) => ({ ...entry, data: Buffer.from(entry.content) }));
    writeZip(${JSON.stringify(file)}, entries);`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(entries)]);
}

/** A small release folder: one platform's zip (a stand-in executable), SHA256SUMS and a discovery document. */
function writeSmallRelease(dir: string, platform: string, sumsFor?: string): string {
  const zip = join(dir, `${PREFIX}_${platform}.zip`);
  writeZipWithReleaseScript(zip, [{ name: EXECUTABLE, content: `standalone for ${platform}`, mode: 0o755 }]);
  const sum = createHash('sha256').update(sumsFor ?? readFileSync(zip)).digest('hex');
  writeFileSync(join(dir, `${PREFIX}_SHA256SUMS`), `${sum}  ${PREFIX}_${platform}.zip\n`);
  mkdirSync(join(dir, '.well-known'), { recursive: true });
  writeFileSync(join(dir, '.well-known', 'terraform.json'), '{"providers.v1":"/v1/providers/"}');
  return zip;
}

describe('provider install --standalone', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cdktf-snyk-standalone-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('knows the platforms the release script builds standalone executables for, by the same names', () => {
    const script = `
      import { PLATFORMS, hostPlatformName } from ${JSON.stringify(join(root, 'scripts', 'release', 'platforms.mjs'))};
      console.log(JSON.stringify({ standalone: PLATFORMS.filter((p) => p.kind === 'standalone').map((p) => p.name), host: hostPlatformName() }));`;
    const release = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as { standalone: string[]; host: string };
    expect(release).toEqual({ standalone: [...STANDALONE_PLATFORMS], host: terraformPlatform() });
  });

  test('the zip reader reads what the release script writes, permissions included', () => {
    const zip = join(dir, 'package.zip');
    writeZipWithReleaseScript(zip, [
      { name: EXECUTABLE, content: 'x'.repeat(10000), mode: 0o755 },
      { name: 'README.md', content: 'read me', mode: 0o644 },
    ]);
    expect(readZipEntries(readFileSync(zip)).map((entry) => ({ ...entry, data: entry.data.toString() }))).toEqual([
      { name: EXECUTABLE, data: 'x'.repeat(10000), mode: 0o755 },
      { name: 'README.md', data: 'read me', mode: 0o644 },
    ]);
  });

  test('installs this platform\'s executable from a release folder into the unpacked mirror layout', async () => {
    writeSmallRelease(dir, 'linux_amd64');
    const installed = await installStandaloneProvider({ pluginDir: join(dir, 'plugins'), from: dir, platform: 'linux_amd64' });
    expect(installed.executablePath).toBe(join(dir, 'plugins', 'registry.terraform.io', 'cdktf-snyk', 'snyk', PACKAGE_VERSION, 'linux_amd64', EXECUTABLE));
    expect(readFileSync(installed.executablePath, 'utf8')).toBe('standalone for linux_amd64');
    expect(statSync(installed.executablePath).mode & 0o777).toBe(0o755);
  });

  test('installs from the URL a release is served at', async () => {
    writeSmallRelease(dir, 'windows_amd64');
    let server: RunningRegistryServer | undefined;
    try {
      server = await startRegistryServer({ dir });
      const installed = await installStandaloneProvider({ pluginDir: join(dir, 'plugins'), from: server.url, platform: 'windows_amd64' });
      expect(readFileSync(installed.executablePath, 'utf8')).toBe('standalone for windows_amd64');
    } finally {
      await server?.close();
    }
  });

  test('installs from a URL with a user and password (sent as Basic authorization), which no message shows', async () => {
    writeSmallRelease(dir, 'linux_amd64');
    const authorization = `Basic ${Buffer.from('release-user:planted-pass').toString('base64')}`;
    const server = createServer((request, response) => {
      if (request.headers.authorization !== authorization) return void response.writeHead(401).end();
      response.end(readFileSync(join(dir, (request.url ?? '/').slice(1))));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const at = (password: string): string => `http://release-user:${password}@127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const installed = await installStandaloneProvider({ pluginDir: join(dir, 'plugins'), from: at('planted-pass'), platform: 'linux_amd64' });
      expect(readFileSync(installed.executablePath, 'utf8')).toBe('standalone for linux_amd64');
      const refused = installStandaloneProvider({ pluginDir: join(dir, 'plugins'), from: at('planted-wrong'), platform: 'linux_amd64' });
      await expect(refused).rejects.toThrow(/answered 401/);
      await expect(refused).rejects.not.toThrow(/planted|release-user/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('refuses a zip whose checksum is not the one SHA256SUMS lists', async () => {
    writeSmallRelease(dir, 'linux_amd64', 'something else');
    await expect(installStandaloneProvider({ pluginDir: join(dir, 'plugins'), from: dir, platform: 'linux_amd64' })).rejects.toThrow(
      /has SHA-256 [0-9a-f]{64}, but .*SHA256SUMS says [0-9a-f]{64}: download it again/,
    );
  });

  test('says what to do where no standalone build exists or no release was built', async () => {
    expect(STANDALONE_PLATFORMS).not.toContain('darwin_arm64');
    await expect(installStandaloneProvider({ pluginDir: dir, from: dir, platform: 'darwin_arm64' })).rejects.toThrow(
      /no standalone executable for darwin_arm64.*`cdktf-snyk provider install`.*Node\.js >= 20/,
    );
    await expect(installStandaloneProvider({ pluginDir: dir, from: join(dir, 'none'), platform: 'linux_amd64' })).rejects.toThrow(/npm run release/);
  });
});
