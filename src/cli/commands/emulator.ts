import { Command } from 'commander';

export function registerEmulatorCommand(program: Command): void {
  program.command('emulator').description('not implemented yet').action(() => {
    throw new Error('emulator is not implemented yet');
  });
}
