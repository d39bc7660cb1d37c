import { writeFileSync } from 'node:fs';
import { PROVIDER_ADDRESS } from './provider-install';

/**
 * A Terraform CLI configuration that installs `cdktf-snyk/snyk` from a filesystem mirror and every other provider as
 * usual. Scripts and tests point `TF_CLI_CONFIG_FILE` at it so that nothing depends on the user's own configuration.
 */
export function cliConfigForMirror(pluginDir: string): string {
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(pluginDir)}`,
    `    include = [${JSON.stringify(PROVIDER_ADDRESS)}]`,
    '  }',
    '  direct {',
    `    exclude = [${JSON.stringify(PROVIDER_ADDRESS)}]`,
    '  }',
    '}',
    '',
  ].join('\n');
}

export function writeCliConfigForMirror(file: string, pluginDir: string): void {
  writeFileSync(file, cliConfigForMirror(pluginDir));
}
