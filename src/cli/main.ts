import { Command } from 'commander';
import { registerDoctorCommand } from './commands/doctor';
import { registerEmulatorCommand } from './commands/emulator';
import { registerPlanSummaryCommand } from './commands/plan-summary';
import { registerProviderCommand } from './commands/provider';
import { registerRegistryCommand } from './commands/registry';
import { PACKAGE_VERSION } from '../version';

/** Builds the `cdktf-snyk` command line; each sub-command lives in its own file under `commands/`. */
export function buildCli(): Command {
  const program = new Command('cdktf-snyk')
    .description('Snyk organizations, integrations and Broker tokens as infrastructure code')
    .version(PACKAGE_VERSION);
  registerProviderCommand(program);
  registerEmulatorCommand(program);
  registerPlanSummaryCommand(program);
  registerDoctorCommand(program);
  registerRegistryCommand(program);
  return program;
}

buildCli()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
