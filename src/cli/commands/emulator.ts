import { Command, InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { startEmulator } from '../../emulator';
import { BEHAVIOR_NAMES, parseBehaviorAssignment, parseBehaviorOverrides } from '../../emulator/behaviors';

interface EmulatorCommandOptions {
  port: number;
  host: string;
  state?: string;
  apiKey?: string;
  behavior: Record<string, string>;
}

/** `cdktf-snyk emulator`: runs the Snyk API emulator in the foreground until SIGINT or SIGTERM. */
export function registerEmulatorCommand(program: Command): void {
  program
    .command('emulator')
    .description('Run a local Snyk API emulator (v1 and REST calls for orgs, integrations and Broker tokens)')
    .option('--port <port>', 'port to listen on; 0 picks a free one', parsePort, 0)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--state <file>', 'JSON file that keeps the state across restarts (in memory only when absent)')
    .option('--api-key <key>', 'API key clients must send (a random one when absent)')
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
  const emulator = await startEmulator({ port: options.port, host: options.host, stateFile, apiKey: options.apiKey, behaviors: options.behavior });
  process.stdout.write(
    [
      `Snyk API emulator listening on ${emulator.url}`,
      `API key: ${emulator.apiKey}`,
      `State: ${stateFile ?? 'in memory (use --state FILE to keep it)'}`,
      '',
      'Use it with:',
      `  export SNYK_API_URL=${emulator.url} SNYK_TOKEN=${emulator.apiKey}`,
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
