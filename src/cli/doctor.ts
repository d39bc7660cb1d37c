import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectionSettings, credentialOption, describeAuthScheme, regionOfApiUrl, resolveConnectionSettings, SnykClient } from '../snyk';
import { PACKAGE_VERSION } from '../version';
import { defaultPluginDir, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE, terraformPlatform } from './provider-install';

export interface DoctorCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface DoctorOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly pluginDir?: string;
  /** Skip the API call (no network). */
  readonly offline?: boolean;
}

function checkNode(): DoctorCheck {
  const major = Number(process.versions.node.split('.')[0]);
  return { name: 'Node.js', ok: major >= 20, detail: major >= 20 ? `v${process.versions.node}` : `v${process.versions.node}: Node.js 20 or later is needed` };
}

function checkTerraform(env: NodeJS.ProcessEnv): DoctorCheck {
  try {
    const output = execFileSync('terraform', ['version', '-json'], { env: { ...env, CHECKPOINT_DISABLE: '1' }, encoding: 'utf8' });
    const version = (JSON.parse(output) as { terraform_version: string }).terraform_version;
    const [major, minor] = version.split('.').map(Number);
    // The provider needs 1.0 (plugin protocol 6); CDKTF, which doctor checks the setup for, needs 1.2.
    const ok = major > 1 || (major === 1 && minor >= 2);
    return { name: 'terraform', ok, detail: ok ? version : `${version}: Terraform 1.2 or later is needed` };
  } catch {
    return { name: 'terraform', ok: false, detail: 'not found on PATH: install Terraform 1.2 or later' };
  }
}

function checkProviderInstalled(pluginDir: string): DoctorCheck {
  const executable = join(pluginDir, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE, PACKAGE_VERSION, terraformPlatform(), `terraform-provider-${PROVIDER_TYPE}_v${PACKAGE_VERSION}`);
  return existsSync(executable)
    ? { name: 'provider', ok: true, detail: `${PACKAGE_VERSION} installed in ${pluginDir}` }
    : { name: 'provider', ok: false, detail: `not in ${pluginDir}: run \`npx cdktf-snyk provider install\`` };
}

/** "SNYK-EU-01 (https://api.eu.snyk.io)", or the API root alone when it is not a region's (the emulator, a proxy). */
function describeEndpoint(config: ConnectionSettings): string {
  const region = regionOfApiUrl(config.apiUrl);
  return region ? `region ${region} (${config.apiUrl})` : `API URL ${config.apiUrl} (not a Snyk region's; SNYK_API_URL wins over SNYK_REGION)`;
}

async function checkApiAccess(env: NodeJS.ProcessEnv): Promise<DoctorCheck> {
  let config: ConnectionSettings;
  try {
    config = resolveConnectionSettings({}, env);
  } catch (error) {
    return { name: 'Snyk API', ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
  const how = `${describeAuthScheme(config.credential.scheme)}, ${describeEndpoint(config)}`;
  try {
    const credential = credentialOption(config.credential);
    const self = await new SnykClient({ ...credential, apiUrl: config.apiUrl, retry: { maxAttempts: 2 } }).getSelf();
    return { name: 'Snyk API', ok: true, detail: `${how}: accepted (user ${self.username ?? self.name ?? self.id})` };
  } catch (error) {
    return { name: 'Snyk API', ok: false, detail: `${how}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Checks what a deploy needs: Node.js, terraform, the installed provider and a working API key. */
export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorCheck[]> {
  const env = options.env ?? process.env;
  const checks = [checkNode(), checkTerraform(env), checkProviderInstalled(options.pluginDir ?? defaultPluginDir())];
  if (!options.offline) checks.push(await checkApiAccess(env));
  return checks;
}

export function formatDoctorReport(checks: readonly DoctorCheck[]): string {
  return checks.map((check) => `${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`).join('\n') + '\n';
}
