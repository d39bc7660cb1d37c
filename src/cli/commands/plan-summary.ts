import { Command, Option } from 'commander';
import { LoadedPlan, loadPlanFile, loadPlanStream, loadStackDir } from '../../plan-summary/input';
import { renderPlanSummary, SUMMARY_FORMATS, SummaryFormat } from '../../plan-summary/render';

/** Exit code of `plan-summary --fail-on-destructive` when any plan deletes or replaces something. */
export const DESTRUCTIVE_EXIT_CODE = 2;

interface PlanSummaryOptions {
  readonly stackDir: string[];
  readonly format: SummaryFormat;
  readonly failOnDestructive?: boolean;
}

export function registerPlanSummaryCommand(program: Command): void {
  program
    .command('plan-summary')
    .description('Summarise Terraform plans for review: Snyk orgs, integrations, Broker token families and the warnings that matter')
    .argument('[plans...]', 'plan JSON files (`terraform show -json PLANFILE`); `-` reads one from stdin')
    .option('--stack-dir <dir>', 'a stack folder holding a saved plan (plan, tfplan, *.tfplan); repeatable', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices([...SUMMARY_FORMATS]).default('markdown'))
    .option('--fail-on-destructive', `exit with code ${DESTRUCTIVE_EXIT_CODE} when any plan deletes or replaces something`)
    .addHelpText(
      'after',
      `\nExit codes: 0 on success; 1 on errors; ${DESTRUCTIVE_EXIT_CODE} with --fail-on-destructive when a plan deletes or replaces anything (the summary is still printed).`,
    )
    .action(async (plans: string[], options: PlanSummaryOptions) => {
      const loaded = await loadPlans(plans, options.stackDir);
      const rendered = renderPlanSummary(loaded, options.format);
      process.stdout.write(rendered.output);
      if (options.failOnDestructive && rendered.destructive) process.exitCode = DESTRUCTIVE_EXIT_CODE;
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function loadPlans(files: readonly string[], stackDirs: readonly string[]): Promise<LoadedPlan[]> {
  if (files.length === 0 && stackDirs.length === 0) {
    throw new Error('plan-summary needs at least one plan JSON file, `-` for stdin, or --stack-dir DIR.');
  }
  const loaded: LoadedPlan[] = [];
  for (const file of files) loaded.push(file === '-' ? await loadPlanStream(process.stdin) : loadPlanFile(file));
  for (const dir of stackDirs) loaded.push(await loadStackDir(dir));
  return loaded;
}
