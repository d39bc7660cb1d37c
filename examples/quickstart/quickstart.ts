import { join } from 'node:path';
import { startEmulator } from '../../src/emulator';
import { describeOutputs, describeTokenFamilies, prepareWorkspace, readOutputs, reportsNoChanges, runCdktf } from './runner';

type Log = (line: string) => void;

/** Where the deploy goes: the embedded emulator, or the real Snyk API. */
interface Target {
  readonly env: NodeJS.ProcessEnv;
  describeTokens(): string[];
  close(): Promise<void>;
}

/**
 * `npm run quickstart`: deploys examples/quickstart against the Snyk API emulator (persistent state in
 * .quickstart/emulator/), or against real Snyk when SNYK_TOKEN is set, and prints what exists. Run it again: no changes.
 */
export async function runQuickstart(projectDir: string, log: Log = console.log, echo: (chunk: string) => void = (chunk) => process.stdout.write(chunk)): Promise<void> {
  const realSnyk = Boolean(process.env.SNYK_TOKEN);
  const region = process.env.SNYK_REGION || 'SNYK-US-01';
  const workDir = join(projectDir, '.quickstart', realSnyk ? region.toLowerCase() : 'emulator');
  const workspace = prepareWorkspace(projectDir, workDir);
  const target = realSnyk ? realSnykTarget(region, log) : await emulatorTarget(workspace.emulatorStateFile, log);
  try {
    const deploy = await runCdktf(workspace, ['deploy', '--auto-approve', '--skip-provider-lock', '--outputs-file', workspace.outputsFile], target.env, echo);
    if (deploy.code !== 0) {
      throw new Error(`cdktf deploy failed with exit code ${deploy.code} (its output is above)`);
    }
    log('');
    log(reportsNoChanges(deploy.output) ? 'No changes: everything the quickstart declares already exists.' : 'Deployed.');
    const outputs = readOutputs(workspace);
    if (outputs) describeOutputs(outputs).forEach((line) => log(line));
    target.describeTokens().forEach((line) => log(line));
    log('The Broker token and the broker server URL are sensitive outputs; `cdktf output` shows them in full.');
  } finally {
    await target.close();
  }
}

function realSnykTarget(region: string, log: Log): Target {
  const groupId = process.env.TF_VAR_snyk_group_id || process.env.SNYK_GROUP_ID;
  if (!groupId) {
    throw new Error('SNYK_TOKEN is set, so the quickstart targets real Snyk: set SNYK_GROUP_ID to the id of the Snyk group to create the organizations in');
  }
  log(`SNYK_TOKEN is set: the quickstart targets the real Snyk API in ${region} (SNYK_REGION) and creates organizations in group ${groupId}.`);
  return {
    env: { TF_VAR_snyk_group_id: groupId },
    describeTokens: () => ['Broker tokens cannot be read back from Snyk: the clones and the organization made from the platform organization share its token.'],
    close: async () => undefined,
  };
}

async function emulatorTarget(stateFile: string, log: Log): Promise<Target> {
  const emulator = await startEmulator({ stateFile });
  log(`SNYK_TOKEN is not set: deploying to the Snyk API emulator at ${emulator.url} (state in ${stateFile}).`);
  return {
    env: { SNYK_TOKEN: emulator.apiKey, SNYK_API_URL: emulator.url, SNYK_REGION: '', TF_VAR_snyk_group_id: emulator.defaultGroupId },
    describeTokens: () => describeTokenFamilies(emulator.state()),
    close: () => emulator.close(),
  };
}
