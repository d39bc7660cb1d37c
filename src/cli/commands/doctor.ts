import { Command } from 'commander';
import { defaultPluginDir } from '../provider-install';
import { formatDoctorReport, runDoctor } from '../doctor';

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('Check Node.js, terraform, the installed provider and the Snyk API key (SNYK_TOKEN, SNYK_REGION, SNYK_API_URL)')
    .option('--dir <dir>', 'plugin mirror folder the provider was installed into', defaultPluginDir())
    .option('--offline', 'skip the call that checks the API key')
    .action(async (options: { dir: string; offline?: boolean }) => {
      const checks = await runDoctor({ pluginDir: options.dir, offline: options.offline });
      process.stdout.write(formatDoctorReport(checks));
      if (checks.some((check) => !check.ok)) process.exitCode = 1;
    });
}
