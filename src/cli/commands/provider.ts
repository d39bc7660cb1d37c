import { Command } from 'commander';
import { defaultPluginDir, installProvider, installStandaloneProvider } from '../provider-install';
import { cliConfigForMirror } from '../terraform-cli-config';

const IMPLIED_MIRROR_NOTE = 'Terraform finds it there without any configuration.';

export function registerProviderCommand(program: Command): void {
  const provider = program.command('provider').description('Manage the bundled terraform-provider-snyk');
  provider
    .command('install')
    .description('Put the self-contained provider where Terraform finds it (an unpacked plugin mirror)')
    .option('--dir <dir>', 'plugin mirror folder', defaultPluginDir())
    .option('--standalone', 'install the standalone executable (Node.js embedded) for this platform from a release instead of the bundle')
    .option('--from <dirOrUrl>', 'with --standalone: the release folder or the URL it is served at (default: dist/release, from `npm run release`)')
    .action(async (options: { dir: string; standalone?: boolean; from?: string }) => {
      const installed = options.standalone
        ? await installStandaloneProvider({ pluginDir: options.dir, from: options.from })
        : installProvider({ pluginDir: options.dir });
      const lines = [`Installed ${installed.source} ${installed.version} at ${installed.executablePath}`, ''];
      if (options.dir === defaultPluginDir()) {
        lines.push(IMPLIED_MIRROR_NOTE);
      } else {
        lines.push('Point Terraform at this mirror with a CLI configuration file (TF_CLI_CONFIG_FILE):', '', cliConfigForMirror(options.dir));
      }
      lines.push('Use it in your configuration with:', '', installed.requiredProvidersBlock, '');
      process.stdout.write(lines.join('\n'));
    });
}
