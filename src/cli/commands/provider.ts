import { Command } from 'commander';

export function registerProviderCommand(program: Command): void {
  program.command('provider').description('not implemented yet').action(() => {
    throw new Error('provider is not implemented yet');
  });
}
