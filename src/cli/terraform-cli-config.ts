import { writeFileSync } from 'node:fs';
import { PROVIDER_ADDRESS } from './provider-install';

/** Installs `providerAddress` with `method` (a block with one setting) and every other provider as usual. */
function providerInstallation(method: string, setting: string, providerAddress: string): string {
  return [
    'provider_installation {',
    `  ${method} {`,
    `    ${setting}`,
    `    include = [${JSON.stringify(providerAddress)}]`,
    '  }',
    '  direct {',
    `    exclude = [${JSON.stringify(providerAddress)}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}

/**
 * A Terraform CLI configuration that installs `cdktf-snyk/snyk` (or another provider address) from a filesystem mirror and every other provider as
 * usual. Scripts and tests point `TF_CLI_CONFIG_FILE` at it so that nothing depends on the user's own configuration.
 */
export function cliConfigForMirror(pluginDir: string, providerAddress: string = PROVIDER_ADDRESS): string {
  return providerInstallation('filesystem_mirror', `path    = ${JSON.stringify(pluginDir)}`, providerAddress);
}

/** The same for a network mirror, e.g. a release folder served by `cdktf-snyk registry serve` (`url` ends with `/`). */
export function cliConfigForNetworkMirror(url: string, providerAddress: string = PROVIDER_ADDRESS): string {
  return providerInstallation('network_mirror', `url     = ${JSON.stringify(url)}`, providerAddress);
}

export function writeCliConfigForMirror(file: string, pluginDir: string, providerAddress: string = PROVIDER_ADDRESS): void {
  writeFileSync(file, cliConfigForMirror(pluginDir, providerAddress));
}
