import { writeFileSync } from 'node:fs';
import { PROVIDER_ADDRESS } from './provider-install';

/**
 * A Terraform CLI configuration that installs `cdktf-snyk/snyk` (or another provider address) from a filesystem mirror and every other provider as
 * usual. Scripts and tests point `TF_CLI_CONFIG_FILE` at it so that nothing depends on the user's own configuration.
 */
export function cliConfigForMirror(pluginDir: string, providerAddress: string = PROVIDER_ADDRESS): string {
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(pluginDir)}`,
    `    include = [${JSON.stringify(providerAddress)}]`,
    '  }',
    '  direct {',
    `    exclude = [${JSON.stringify(providerAddress)}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}

export function writeCliConfigForMirror(file: string, pluginDir: string, providerAddress: string = PROVIDER_ADDRESS): void {
  writeFileSync(file, cliConfigForMirror(pluginDir, providerAddress));
}
