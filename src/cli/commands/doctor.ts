import { Command } from 'commander';

export function registerDoctorCommand(program: Command): void {
  program.command('doctor').description('not implemented yet').action(() => {
    throw new Error('doctor is not implemented yet');
  });
}
