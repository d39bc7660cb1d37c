import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { prepareWorkspace, runCdktf } from '../../examples/quickstart/runner';
import { readZipEntries } from '../../src/cli/registry-package';
import { RunningRegistryServer, startRegistryServer } from '../../src/cli/registry-server';
import { cliConfigForNetworkMirror } from '../../src/cli/terraform-cli-config';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { PACKAGE_VERSION } from '../../src/version';
import { createTerraformWorkspace, runCommand, TerraformWorkspace, WorkspaceProvider } from '../support/terraform';
import { describeExecutable, lockFileHashes, machoLoadCommands, makeThrowawayGpgKey, makeThrowawayTls, ThrowawayTls } from './support';

// One release of every platform, built once by `scripts/release.mjs` (as `npm run release` runs it) from the bundle
// that jest's global setup made; then served over HTTPS on loopback to the real terraform and cdktf CLIs.
const root = join(__dirname, '..', '..');
const PREFIX = `terraform-provider-snyk_${PACKAGE_VERSION}`;
const PLATFORMS = ['linux_amd64', 'linux_arm64', 'windows_amd64', 'darwin_amd64', 'darwin_arm64'];
const STANDALONE = { linux_amd64: ['elf', 'amd64'], linux_arm64: ['elf', 'arm64'], windows_amd64: ['pe', 'amd64'], darwin_amd64: ['macho', 'amd64'] };
const LC_CODE_SIGNATURE = 0x1d;
const BUILD_TIMEOUT = 25 * 60 * 1000;

/** A workspace whose own filesystem mirror holds nothing: the provider comes from the registry under test. */
const NO_MIRRORED_PROVIDER: WorkspaceProvider = { address: 'registry.terraform.io/cdktf-snyk/not-mirrored', install: (dir) => mkdirSync(dir, { recursive: true }) };

interface DownloadDocument {
  readonly filename: string;
  readonly shasum: string;
  readonly signing_keys: { gpg_public_keys: { key_id: string; ascii_armor: string }[] };
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** A folder with only `terraform` in it: a PATH on which there is no node. */
function pathWithoutNode(dir: string): string {
  const terraform = (process.env.PATH ?? '').split(delimiter).map((entry) => join(entry, 'terraform')).find((candidate) => existsSync(candidate));
  if (!terraform) throw new Error('terraform is not on PATH');
  mkdirSync(dir, { recursive: true });
  symlinkSync(terraform, join(dir, 'terraform'));
  return dir;
}

describe('npm run release, served as a registry', () => {
  let temp: string;
  let releaseDir: string;
  let tls: ThrowawayTls;
  let server: RunningRegistryServer;
  let emulator: RunningEmulator;
  let buildOutput: string;
  const workspaces: TerraformWorkspace[] = [];

  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), 'cdktf-snyk-release-'));
    releaseDir = join(temp, 'release');
    try {
      execFileSync('gpg', ['--version'], { stdio: 'ignore' });
    } catch {
      throw new Error('The release test makes a throwaway signing key with gpg: install it (apt-get install -y gnupg).');
    }
    const env = { ...process.env, GPG_PRIVATE_KEY: makeThrowawayGpgKey(temp) };
    const build = await runCommand(process.execPath, [join(root, 'scripts', 'release.mjs'), '--out', releaseDir], root, env);
    buildOutput = build.stdout + build.stderr;
    if (build.code !== 0) throw new Error(`scripts/release.mjs exited ${build.code}:\n${buildOutput}`);
    tls = makeThrowawayTls(join(temp, 'tls'));
    server = await startRegistryServer({ dir: releaseDir, host: '127.0.0.1', tlsCert: tls.certFile, tlsKey: tls.keyFile });
    emulator = await startEmulator();
  }, BUILD_TIMEOUT);

  afterAll(async () => {
    await server?.close();
    await emulator?.close();
    for (const workspace of workspaces) workspace.cleanup();
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  /** `localhost:PORT`: a registry host name that resolves offline; Terraform finds the registry by service discovery. */
  const registryHost = (): string => `localhost:${server.port}`;
  const tlsEnv = (): NodeJS.ProcessEnv => ({ SSL_CERT_FILE: tls.caFile });
  const downloadDocument = (platform: string): DownloadDocument =>
    JSON.parse(readFileSync(join(releaseDir, 'v1', 'providers', 'cdktf-snyk', 'snyk', PACKAGE_VERSION, 'download', ...platform.split('_')), 'utf8')) as DownloadDocument;
  const mirrorHashes = (): Record<string, { hashes: string[] }> =>
    (JSON.parse(readFileSync(join(releaseDir, 'registry.terraform.io', 'cdktf-snyk', 'snyk', `${PACKAGE_VERSION}.json`), 'utf8')) as { archives: Record<string, { hashes: string[] }> }).archives;

  function workspace(): TerraformWorkspace {
    const created = createTerraformWorkspace({}, NO_MIRRORED_PROVIDER);
    workspaces.push(created);
    return created;
  }

  test('writes the zips, SHA256SUMS, its detached signature and the protocol 6.0 manifest', () => {
    const sums = readFileSync(join(releaseDir, `${PREFIX}_SHA256SUMS`), 'utf8');
    const listed = Object.fromEntries(sums.trim().split('\n').map((line) => line.split(/\s+/).reverse()));
    const expectedFiles = [...PLATFORMS.map((platform) => `${PREFIX}_${platform}.zip`), `${PREFIX}_manifest.json`];
    expect(Object.keys(listed).sort()).toEqual(expectedFiles.sort());
    for (const file of expectedFiles) expect({ file, sum: listed[file] }).toEqual({ file, sum: sha256(join(releaseDir, file)) });
    expect(JSON.parse(readFileSync(join(releaseDir, `${PREFIX}_manifest.json`), 'utf8'))).toEqual({ version: 1, metadata: { protocol_versions: ['6.0'] } });

    const home = join(temp, 'verify-gnupg');
    mkdirSync(home, { mode: 0o700 });
    const gpg = (args: string[], input?: string) => execFileSync('gpg', ['--homedir', home, '--batch', ...args], { input, stdio: ['pipe', 'pipe', 'pipe'] });
    gpg(['--import'], downloadDocument('linux_amd64').signing_keys.gpg_public_keys[0].ascii_armor);
    expect(() => gpg(['--verify', join(releaseDir, `${PREFIX}_SHA256SUMS.sig`), join(releaseDir, `${PREFIX}_SHA256SUMS`)])).not.toThrow();
    execFileSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'], { stdio: 'ignore' });

    // The folder is published and the build log is kept: neither holds the secret key (the documents carry the public one).
    expect(downloadDocument('linux_amd64').signing_keys.gpg_public_keys[0].ascii_armor).toMatch(/^-----BEGIN PGP PUBLIC KEY BLOCK-----\n/);
    const files = readdirSync(releaseDir, { recursive: true, encoding: 'utf8' }).filter((path) => statSync(join(releaseDir, path)).isFile());
    expect(files.filter((path) => readFileSync(join(releaseDir, path)).includes('PRIVATE KEY'))).toEqual([]);
    expect(buildOutput).not.toContain('PRIVATE KEY');
  });

  test('each standalone zip holds one executable of its platform with the provider embedded; darwin_arm64 holds the bundle', () => {
    const [bundleEntry] = readZipEntries(readFileSync(join(releaseDir, `${PREFIX}_darwin_arm64.zip`)));
    const bundle = bundleEntry.data;
    expect(bundle.toString('utf8', 0, 20)).toBe('#!/usr/bin/env node\n');
    expect(bundle.includes('terraform-provider-snyk')).toBe(true);
    expect(bundleEntry.mode).toBe(0o755);
    const embeddedSample = bundle.subarray(bundle.indexOf('\n') + 1, bundle.indexOf('\n') + 2001);
    for (const [platform, [format, arch]] of Object.entries(STANDALONE)) {
      const entries = readZipEntries(readFileSync(join(releaseDir, `${PREFIX}_${platform}.zip`)));
      const name = `terraform-provider-snyk_v${PACKAGE_VERSION}${platform.startsWith('windows') ? '.exe' : ''}`;
      expect(entries.map((entry) => [entry.name, entry.mode])).toEqual([[name, 0o755]]);
      const image = entries[0].data;
      expect({ platform, ...describeExecutable(image), embedded: image.includes(embeddedSample), bigEnoughForNode: image.length > 50 * 1024 * 1024 }).toEqual({
        platform,
        format,
        arch,
        embedded: true,
        bigEnoughForNode: true,
      });
      if (format === 'macho') expect(machoLoadCommands(image)).not.toContain(LC_CODE_SIGNATURE);
    }
    expect(readFileSync(join(releaseDir, 'RELEASE_NOTES.md'), 'utf8')).toMatch(/darwin_arm64 \| \*\*the JavaScript bundle: needs Node\.js >= 20 on PATH\*\*/);
    expect(buildOutput).toMatch(/linux_amd64 +executable +\d+\.\d MiB +zip +\d+\.\d MiB/);
  });

  test('terraform init finds the registry by service discovery, verifies the signature, and locks h1: and zh: hashes for every platform', async () => {
    const ws = workspace();
    ws.writeFile('main.tf', `terraform {\n  required_providers {\n    snyk = { source = "${registryHost()}/cdktf-snyk/snyk" }\n  }\n}\n`);
    const init = await ws.mustTerraform(['init', '-no-color'], tlsEnv());
    const keyId = downloadDocument('linux_amd64').signing_keys.gpg_public_keys[0].key_id;
    expect(init.stdout).toContain(`Installed ${registryHost()}/cdktf-snyk/snyk v${PACKAGE_VERSION} (self-signed, key ID ${keyId})`);

    await ws.mustTerraform(['providers', 'lock', '-no-color', ...PLATFORMS.map((platform) => `-platform=${platform}`)], tlsEnv());
    const hashes = lockFileHashes(join(ws.dir, '.terraform.lock.hcl'))[`${registryHost()}/cdktf-snyk/snyk`];
    const mirror = mirrorHashes();
    for (const platform of PLATFORMS) {
      const [h1, zh] = mirror[platform].hashes;
      expect({ platform, h1: hashes.includes(h1), zh: hashes.includes(zh) }).toEqual({ platform, h1: true, zh: true });
      expect(zh).toBe(`zh:${sha256(join(releaseDir, `${PREFIX}_${platform}.zip`))}`);
    }
    expect(hashes.filter((hash) => hash.startsWith('h1:'))).toHaveLength(PLATFORMS.length);
  });

  test('the standalone executable runs the provider under terraform on a PATH without node', async () => {
    const ws = workspace();
    ws.writeFile(
      'main.tf',
      `terraform {\n  required_providers {\n    snyk = { source = "${registryHost()}/cdktf-snyk/snyk" }\n  }\n}\n` +
        `resource "snyk_organization" "standalone" {\n  name     = "standalone-provider"\n  group_id = "${emulator.defaultGroupId}"\n}\n`,
    );
    await ws.mustTerraform(['init', '-no-color'], tlsEnv());
    const installed = join(ws.dir, '.terraform', 'providers', registryHost(), 'cdktf-snyk', 'snyk', PACKAGE_VERSION, 'linux_amd64', `terraform-provider-snyk_v${PACKAGE_VERSION}`);
    expect(describeExecutable(readFileSync(installed))).toEqual({ format: 'elf', arch: 'amd64' });

    const noNode = { PATH: pathWithoutNode(join(ws.root, 'bin')), SNYK_TOKEN: emulator.apiKey, SNYK_API_URL: emulator.url, SNYK_REGION: '' };
    expect(readdirSync(noNode.PATH)).toEqual(['terraform']);
    await ws.mustTerraform(['apply', '-auto-approve', '-no-color'], noNode);
    expect(emulator.state().orgs.find((org) => org.name === 'standalone-provider')?.groupId).toBe(emulator.defaultGroupId);
    const plan = await ws.mustTerraform(['plan', '-detailed-exitcode', '-no-color'], noNode);
    expect(plan.stdout).toContain('No changes');
  });

  test('terraform init refuses a SHA256SUMS that does not match its signature', async () => {
    const tamperedDir = join(temp, 'tampered');
    mkdirSync(tamperedDir);
    for (const entry of readdirSync(releaseDir)) {
      if (entry.endsWith('_SHA256SUMS')) continue;
      symlinkSync(join(releaseDir, entry), join(tamperedDir, entry));
    }
    const sums = readFileSync(join(releaseDir, `${PREFIX}_SHA256SUMS`), 'utf8');
    writeFileSync(join(tamperedDir, `${PREFIX}_SHA256SUMS`), sums.replace(/^[0-9a-f]{64}(?= {2}\S+_manifest\.json)/m, '0'.repeat(64)));
    const tampered = await startRegistryServer({ dir: tamperedDir, host: '127.0.0.1', tlsCert: tls.certFile, tlsKey: tls.keyFile });
    try {
      const ws = workspace();
      ws.writeFile('main.tf', `terraform {\n  required_providers {\n    snyk = { source = "localhost:${tampered.port}/cdktf-snyk/snyk" }\n  }\n}\n`);
      const init = await ws.terraform(['init', '-no-color'], tlsEnv());
      expect(init.code).not.toBe(0);
      expect(init.stderr.replace(/\s+/g, ' ')).toMatch(/signature/i);
    } finally {
      await tampered.close();
    }
  });

  test('terraform installs from the network mirror layout of the same folder', async () => {
    const ws = workspace();
    writeFileSync(ws.env.TF_CLI_CONFIG_FILE as string, cliConfigForNetworkMirror(`${server.url.replace('127.0.0.1', 'localhost')}/`));
    ws.writeFile('main.tf', 'terraform {\n  required_providers {\n    snyk = { source = "cdktf-snyk/snyk" }\n  }\n}\n');
    await ws.mustTerraform(['init', '-no-color'], tlsEnv());
    const hashes = lockFileHashes(join(ws.dir, '.terraform.lock.hcl'))['registry.terraform.io/cdktf-snyk/snyk'];
    // From a mirror, Terraform records the h1: hash it checked the package against (zh: comes only from a registry).
    expect(hashes).toEqual([mirrorHashes().linux_amd64.hashes[0]]);
  });

  test('cdktf deploy of the quickstart works without --skip-provider-lock against the registry', async () => {
    const workDir = join(temp, 'quickstart');
    const quickstart = prepareWorkspace(root, workDir);
    // The bindings name `cdktf-snyk/snyk`, i.e. registry.terraform.io: a host block sends that host's provider
    // registry service to the local registry, as if the release were published there.
    const cliConfig = join(workDir, 'registry.tfrc');
    writeFileSync(cliConfig, `host "registry.terraform.io" {\n  services = {\n    "providers.v1" = "https://${registryHost()}/v1/providers/"\n  }\n}\n`);
    const env = {
      ...tlsEnv(),
      TF_CLI_CONFIG_FILE: cliConfig,
      SNYK_TOKEN: emulator.apiKey,
      SNYK_API_URL: emulator.url,
      SNYK_REGION: '',
      TF_VAR_snyk_group_id: emulator.defaultGroupId,
    };
    const deploy = await runCdktf(quickstart, ['deploy', '--auto-approve', '--outputs-file', quickstart.outputsFile], env);
    expect({ code: deploy.code, tail: deploy.output.slice(-3000) }).toMatchObject({ code: 0 });
    const hashes = lockFileHashes(join(quickstart.outputDir, 'stacks', 'quickstart', '.terraform.lock.hcl'))['registry.terraform.io/cdktf-snyk/snyk'];
    expect(hashes).toEqual(expect.arrayContaining([mirrorHashes().linux_amd64.hashes[0], ...PLATFORMS.map((platform) => mirrorHashes()[platform].hashes[1])]));
    expect(emulator.state().orgs.map((org) => org.name)).toEqual(expect.arrayContaining(['platform', 'team-payments', 'team-search']));
  });

  test('npx cdktf-snyk provider install --standalone installs this platform\'s executable from the release', async () => {
    const pluginDir = join(temp, 'plugins');
    const cli = await runCommand(process.execPath, [join(root, 'dist', 'cli.js'), 'provider', 'install', '--standalone', '--from', releaseDir, '--dir', pluginDir], temp, process.env);
    expect({ code: cli.code, stderr: cli.stderr }).toEqual({ code: 0, stderr: '' });
    const executable = join(pluginDir, 'registry.terraform.io', 'cdktf-snyk', 'snyk', PACKAGE_VERSION, 'linux_amd64', `terraform-provider-snyk_v${PACKAGE_VERSION}`);
    expect(cli.stdout).toContain(`Installed cdktf-snyk/snyk ${PACKAGE_VERSION} at ${executable}`);
    const [entry] = readZipEntries(readFileSync(join(releaseDir, `${PREFIX}_linux_amd64.zip`)));
    expect(readFileSync(executable).equals(entry.data)).toBe(true);
    const byHand = await runCommand(executable, [], temp, { PATH: '/nonexistent' });
    expect({ code: byHand.code, stderr: byHand.stderr }).toMatchObject({ code: 1, stderr: expect.stringContaining('is a Terraform provider plugin') });
  });
});
