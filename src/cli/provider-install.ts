import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_VERSION } from '../version';
import { findPackageRoot, providerBundlePath } from './package-root';
import { isUrl, readVerifiedPackage, readZipEntries } from './registry-package';

/** Where Terraform looks for `cdktf-snyk/snyk`: the registry host is implied by the short source address. */
export const PROVIDER_HOST = 'registry.terraform.io';
export const PROVIDER_NAMESPACE = 'cdktf-snyk';
export const PROVIDER_TYPE = 'snyk';
export const PROVIDER_SOURCE = `${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`;
export const PROVIDER_ADDRESS = `${PROVIDER_HOST}/${PROVIDER_SOURCE}`;

export interface InstallProviderOptions {
  /** Plugin mirror folder. @default `~/.terraform.d/plugins`, which Terraform consults without any configuration */
  readonly pluginDir?: string;
  /** The provider bundle to install. @default this package's `dist/terraform-provider-snyk.js` */
  readonly bundlePath?: string;
}

export interface InstalledProvider {
  readonly version: string;
  readonly pluginDir: string;
  readonly executablePath: string;
  readonly source: string;
  /** The `required_providers` block to paste into a Terraform configuration. */
  readonly requiredProvidersBlock: string;
}

/** Terraform's `OS_ARCH` platform name for this machine, e.g. `linux_amd64`. */
export function terraformPlatform(): string {
  const arch: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };
  return `${process.platform === 'win32' ? 'windows' : process.platform}_${arch[process.arch] ?? process.arch}`;
}

export function defaultPluginDir(): string {
  return join(homedir(), '.terraform.d', 'plugins');
}

/**
 * Copies the self-contained provider bundle into Terraform's unpacked plugin-mirror layout
 * `DIR/HOST/NAMESPACE/TYPE/VERSION/OS_ARCH/terraform-provider-snyk_vVERSION`.
 */
export function installProvider(options: InstallProviderOptions = {}): InstalledProvider {
  const pluginDir = options.pluginDir ?? defaultPluginDir();
  const bundlePath = options.bundlePath ?? providerBundlePath();
  if (!existsSync(bundlePath)) {
    throw new Error(`The provider bundle ${bundlePath} does not exist: run \`npm run build\` first.`);
  }
  const packageDir = emptyPackageDir(pluginDir, terraformPlatform());
  const executablePath = join(packageDir, `terraform-provider-${PROVIDER_TYPE}_v${PACKAGE_VERSION}`);
  copyFileSync(bundlePath, executablePath);
  chmodSync(executablePath, 0o755);
  return installed(pluginDir, executablePath);
}

/** The platforms whose release package holds a standalone executable (Node embedded); darwin_arm64 gets the bundle. */
export const STANDALONE_PLATFORMS: readonly string[] = ['linux_amd64', 'linux_arm64', 'windows_amd64', 'darwin_amd64'];

export interface InstallStandaloneOptions {
  /** Plugin mirror folder. @default `~/.terraform.d/plugins` */
  readonly pluginDir?: string;
  /** The release folder, or the URL it is served at. @default this package's `dist/release` (`npm run release`) */
  readonly from?: string;
  /** Terraform platform name. @default this machine's */
  readonly platform?: string;
}

/**
 * Installs the standalone executable (Node.js embedded: needs no Node on the machine) for this platform from a
 * release, checked against the release's SHA256SUMS, into the same unpacked plugin-mirror layout as the bundle.
 */
export async function installStandaloneProvider(options: InstallStandaloneOptions = {}): Promise<InstalledProvider> {
  const pluginDir = options.pluginDir ?? defaultPluginDir();
  const platform = options.platform ?? terraformPlatform();
  if (!STANDALONE_PLATFORMS.includes(platform)) {
    throw new Error(
      `There is no standalone executable for ${platform} (no Node.js 22 build exists to embed): install the bundle with ` +
        '`cdktf-snyk provider install`, which runs on Node.js >= 20.',
    );
  }
  const from = options.from ?? join(findPackageRoot(), 'dist', 'release');
  const prefix = `terraform-provider-${PROVIDER_TYPE}_${PACKAGE_VERSION}`;
  const zipName = `${prefix}_${platform}.zip`;
  if (!isUrl(from) && !existsSync(join(from, zipName))) {
    throw new Error(`${join(from, zipName)} does not exist: run \`npm run release\` first, or pass --from with a release folder or URL.`);
  }
  const zip = await readVerifiedPackage(from, zipName, `${prefix}_SHA256SUMS`);
  const executable = readZipEntries(zip).find((entry) => entry.name.startsWith(`terraform-provider-${PROVIDER_TYPE}`));
  if (!executable) throw new Error(`${zipName} holds no terraform-provider-${PROVIDER_TYPE} executable.`);
  const executablePath = join(emptyPackageDir(pluginDir, platform), executable.name);
  writeFileSync(executablePath, executable.data);
  chmodSync(executablePath, 0o755);
  return installed(pluginDir, executablePath);
}

/** `DIR/HOST/NAMESPACE/TYPE/VERSION/OS_ARCH`, emptied: one executable per package, bundle or standalone. */
function emptyPackageDir(pluginDir: string, platform: string): string {
  const packageDir = join(pluginDir, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE, PACKAGE_VERSION, platform);
  rmSync(packageDir, { recursive: true, force: true });
  mkdirSync(packageDir, { recursive: true });
  return packageDir;
}

function installed(pluginDir: string, executablePath: string): InstalledProvider {
  return { version: PACKAGE_VERSION, pluginDir, executablePath, source: PROVIDER_SOURCE, requiredProvidersBlock: requiredProvidersBlock() };
}

export function requiredProvidersBlock(): string {
  return [
    'terraform {',
    '  required_providers {',
    `    snyk = {`,
    `      source  = "${PROVIDER_SOURCE}"`,
    `      version = "${PACKAGE_VERSION}"`,
    '    }',
    '  }',
    '}',
  ].join('\n');
}
