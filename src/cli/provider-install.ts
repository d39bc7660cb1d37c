import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_VERSION } from '../version';
import { providerBundlePath } from './package-root';

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
  const packageDir = join(pluginDir, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE, PACKAGE_VERSION, terraformPlatform());
  mkdirSync(packageDir, { recursive: true });
  const executablePath = join(packageDir, `terraform-provider-${PROVIDER_TYPE}_v${PACKAGE_VERSION}`);
  copyFileSync(bundlePath, executablePath);
  chmodSync(executablePath, 0o755);
  return {
    version: PACKAGE_VERSION,
    pluginDir,
    executablePath,
    source: PROVIDER_SOURCE,
    requiredProvidersBlock: requiredProvidersBlock(),
  };
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
