import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDir } from './helpers';

const CLI = join(__dirname, '..', '..', 'bin', 'cdktf-snyk.js');

/** Waits until the child has printed its env line, and returns everything printed so far. */
function waitForEnvLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/export SNYK_API_URL=\S+ SNYK_API=\S+ SNYK_TOKEN=\S+\n/.test(output)) {
        resolve(output);
      }
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited early with ${code}: ${output}`)));
  });
}

function exitCode(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('cdktf-snyk emulator', () => {
  const tempDir = useTempDir();
  let child: ChildProcessWithoutNullStreams | undefined;

  afterEach(() => {
    if (child !== undefined && child.exitCode === null) {
      child.kill('SIGKILL');
    }
    child = undefined;
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('prints its URL, key and env lines, answers with the key, and stops cleanly on %s', async (signal) => {
    const stateFile = join(tempDir(), 'state.json');
    child = spawn(process.execPath, [CLI, 'emulator', '--port', '0', '--api-key', 'cli-test-key', '--state', stateFile]);
    const output = await waitForEnvLine(child);
    const url = /SNYK_API_URL=(\S+)/.exec(output)?.[1] as string;
    // localhost, not an IP address: some of Snyk's tools refuse an IP-address host.
    expect(url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(output).toContain(`listening on ${url}`);
    expect(output).toContain('API key: cli-test-key');
    expect(output).toContain(`export SNYK_API_URL=${url} SNYK_API=${url}/v1 SNYK_TOKEN=cli-test-key`);

    const authorised = await fetch(`${url}/v1/orgs`, { headers: { authorization: 'token cli-test-key' } });
    expect(authorised.status).toBe(200);
    expect(((await authorised.json()) as { orgs: unknown[] }).orgs).toHaveLength(1);
    expect((await fetch(`${url}/v1/orgs`)).status).toBe(401);
    const tenantId = /Universal Broker tenant: (\S+)/.exec(output)?.[1] as string;
    const deployments = await fetch(`${url}/rest/tenants/${tenantId}/brokers/deployments?version=2024-10-15`, { headers: { authorization: 'token cli-test-key' } });
    expect(deployments.status).toBe(200);

    const exited = exitCode(child);
    child.kill(signal);
    expect(await exited).toBe(0);
    expect(existsSync(stateFile)).toBe(true);
  });

  it('takes --behavior NAME=VALUE (repeatable) and --oauth-token, and lists the behaviours it runs with', async () => {
    const args = ['emulator', '--port', '0', '--behavior', 'broker-reenable=same-token', '--behavior', 'rate-limit=5/min'];
    child = spawn(process.execPath, [CLI, ...args, '--oauth-token', 'cli-oauth-token']);
    const output = await waitForEnvLine(child);
    const url = /SNYK_API_URL=(\S+)/.exec(output)?.[1] as string;
    expect(output).toContain('Behaviours: broker-reenable=same-token, rate-limit=5/min');
    const listing = await fetch(`${url}/_emulator/behaviors`, { headers: { authorization: 'Bearer cli-oauth-token' } });
    expect(listing.status).toBe(200);
    const { behaviors } = (await listing.json()) as { behaviors: Record<string, { value: string }> };
    expect(behaviors['broker-reenable']?.value).toBe('same-token');
    expect(behaviors['rate-limit']?.value).toBe('5/min');
    expect(behaviors['provision-conflict-status']?.value).toBe('409');
  });

  it.each([
    ['an unknown name', 'no-such-behaviour=1', 'integration-post-broker-token'],
    ['a value it does not take', 'broker-reenable=sometimes', 'new-token | same-token | refuse'],
    ['no =', 'broker-reenable', 'NAME=VALUE'],
  ])('refuses --behavior with %s, naming what it accepts', async (_, assignment, accepted) => {
    child = spawn(process.execPath, [CLI, 'emulator', '--port', '0', '--behavior', assignment]);
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    expect(await exitCode(child)).not.toBe(0);
    expect(errors).toContain(accepted);
  });

  it('refuses a port that is not a number', async () => {
    child = spawn(process.execPath, [CLI, 'emulator', '--port', 'eighty']);
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    expect(await exitCode(child)).not.toBe(0);
    expect(errors).toContain('port');
  });
});
