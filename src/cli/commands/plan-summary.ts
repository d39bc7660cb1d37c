import { Command } from 'commander';

export function registerPlanSummaryCommand(program: Command): void {
  program.command('plan-summary').description('not implemented yet').action(() => {
    throw new Error('plan-summary is not implemented yet');
  });
}
