import { Command, InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { startEmulator } from '../../emulator';
import { BEHAVIOR_NAMES, parseBehaviorAssignment, parseBehaviorOverrides } from '../../emulator/behaviors';

interface EmulatorCommandOptions {
  port: number;
  host: string;
  state?: string;
  apiKey?: string;
  oauthToken: string[];
  behavior: Record<string, string>;
}

/** `cdktf-snyk emulator`: runs the Snyk API emulator in the foreground until SIGINT or SIGTERM. */
export function registerEmulatorCommand(program: Command): void {
  program
    .command('emulator')
    .description('Run a local Snyk API emulator (v1 and REST calls for orgs, integrations and Broker tokens)')
    .option('--port <port>', 'port to listen on; 0 picks a free one', parsePort, 0)
    .option('--host <host>', 'address to bind; localhost binds 127.0.0.1 and ::1', 'localhost')
    .option('--state <file>', 'JSON file that keeps the state across restarts (in memory only when absent)')
    .option('--api-key <key>', 'API key clients must send (a random one when absent)')
    .option('--oauth-token <token>', 'an OAuth access token accepted as "Authorization: bearer <token>" (repeatable)', collectString, [])
    .option(
      '--behavior <NAME=VALUE>',
      `switch an undocumented Snyk behaviour (repeatable; see docs/emulator.md): ${BEHAVIOR_NAMES.join(', ')}`,
      collectBehavior,
      {},
    )
    .action(runEmulator);
}

async function runEmulator(options: EmulatorCommandOptions): Promise<void> {
  const stateFile = options.state === undefined ? undefined : resolve(options.state);
  const emulator = await startEmulator({
    port: options.port,
    host: options.host,
    stateFile,
    apiKey: options.apiKey,
    oauthTokens: options.oauthToken,
    behaviors: options.behavior,
  });
  const changed = Object.entries(options.behavior).map(([name, value]) => `${name}=${value}`);
  process.stdout.write(
    [
      `Snyk API emulator listening on ${emulator.url}`,
      `API key: ${emulator.apiKey}`,
      `Universal Broker tenant: ${emulator.defaultTenantId} (the key is its Tenant Admin); group: ${emulator.defaultGroupId}`,
      ...(emulator.oauthTokens.length > 0 ? [`OAuth tokens accepted (bearer): ${emulator.oauthTokens.length}`] : []),
      `State: ${stateFile ?? 'in memory (use --state FILE to keep it)'}`,
      `Behaviours: ${changed.length > 0 ? changed.join(', ') : 'defaults'} (list them: GET ${emulator.url}/_emulator/behaviors)`,
      '',
      'Use it with (SNYK_API is the v1 root that Snyk\'s own tools read):',
      `  export SNYK_API_URL=${emulator.url} SNYK_API=${emulator.url}/v1 SNYK_TOKEN=${emulator.apiKey}`,
      '',
      'Stop it with Ctrl+C.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await emulator.close();
  process.stdout.write('Emulator stopped.\n');
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('a port is an integer from 0 to 65535');
  }
  return port;
}

function collectString(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function collectBehavior(text: string, previous: Record<string, string>): Record<string, string> {
  let assignment: { name: string; value: string };
  try {
    assignment = parseBehaviorAssignment(text);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
  const parsed = parseBehaviorOverrides({ [assignment.name]: assignment.value });
  if (!parsed.ok) {
    throw new InvalidArgumentError(parsed.problems.join('; '));
  }
  return { ...previous, [assignment.name]: assignment.value };
}
