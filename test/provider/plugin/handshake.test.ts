import * as grpc from '@grpc/grpc-js';
import { fromJSON } from '@grpc/proto-loader';
import { ChildProcess, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createServerCertificate, MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../../src/provider/plugin';
import descriptor from '../../../src/provider/plugin/tfplugin6.json';
import { runCommand } from '../../support/terraform';
import { bundleTestProvider } from '../framework/support/test-provider-workspace';

const LOADER_OPTIONS = { keepCase: true, longs: Number, enums: Number, defaults: true, oneofs: true };
const definitions = grpc.loadPackageDefinition(fromJSON(descriptor as unknown as Parameters<typeof fromJSON>[0], LOADER_OPTIONS)) as unknown as {
  tfplugin6: { Provider: grpc.ServiceClientConstructor };
  plugin: { GRPCController: grpc.ServiceClientConstructor };
};

interface Launched {
  readonly child: ChildProcess;
  readonly line: string;
  readonly exited: Promise<number | null>;
}

function launch(executable: string, env: NodeJS.ProcessEnv): Promise<Launched> {
  const child = spawn(process.execPath, [executable], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) resolve({ child, line: stdout.split('\n')[0], exited });
    });
    child.on('exit', (code) => reject(new Error(`provider exited ${code} before the handshake`)));
  });
}

function call<T>(client: grpc.Client, method: string, request: object): Promise<T> {
  return new Promise((resolve, reject) =>
    (client as unknown as Record<string, (request: object, callback: (error: Error | null, response: T) => void) => void>)[method](request, (error, response) =>
      error ? reject(error) : resolve(response),
    ),
  );
}

describe('go-plugin handshake', () => {
  let root: string;
  let executable: string;
  const running: ChildProcess[] = [];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'tfplugin-handshake-'));
    executable = bundleTestProvider(join(root, 'terraform-provider-testing'));
  });

  afterEach(() => {
    for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('run by hand, it says it is a Terraform provider and exits 1', async () => {
    const result = await runCommand(process.execPath, [executable], root, { PATH: process.env.PATH });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('terraform-provider-testing is a Terraform provider plugin');
    expect(result.stderr).toContain('not meant to be run by hand');
  });

  test('prints one handshake line, serves gRPC over mutual TLS and exits right after Shutdown', async () => {
    const client = createServerCertificate();
    const launched = await launch(executable, { [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '5,6', PLUGIN_CLIENT_CERT: client.certPem });
    running.push(launched.child);
    const [core, app, network, socketPath, protocol, certificate] = launched.line.split('|');
    expect([core, app, network, protocol]).toEqual(['1', '6', 'unix', 'grpc']);
    expect(certificate).not.toMatch(/=$/);
    const serverCertificate = new X509Certificate(Buffer.from(certificate, 'base64'));
    expect(serverCertificate.subjectAltName).toBe('DNS:localhost');

    const credentials = grpc.credentials.createSsl(Buffer.from(serverCertificate.toString()), Buffer.from(client.keyPem), Buffer.from(client.certPem));
    const options = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' };
    const provider = new definitions.tfplugin6.Provider(`unix://${socketPath}`, credentials, options);
    const schema = await call<{ resource_schemas: Record<string, unknown>; server_capabilities: Record<string, boolean> }>(provider, 'GetProviderSchema', {});
    expect(Object.keys(schema.resource_schemas)).toEqual(['testing_thing']);
    expect(schema.server_capabilities).toMatchObject({ plan_destroy: true, get_provider_schema_optional: true });
    const functions = await call<{ diagnostics: unknown[] }>(provider, 'GetFunctions', {});
    expect(functions.diagnostics).toEqual([]);
    const ephemeral = await call<{ diagnostics: { summary: string }[] }>(provider, 'OpenEphemeralResource', { type_name: 'x' });
    expect(ephemeral.diagnostics[0].summary).toContain('not supported');

    const controller = new definitions.plugin.GRPCController(`unix://${socketPath}`, credentials, options);
    await call(controller, 'Shutdown', {});
    expect(await launched.exited).toBe(0);
    expect(existsSync(dirname(socketPath))).toBe(false);
    provider.close();
    controller.close();
  });

  test('refuses a client whose certificate is not the one Terraform announced', async () => {
    const announced = createServerCertificate();
    const impostor = createServerCertificate();
    const launched = await launch(executable, { [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_CLIENT_CERT: announced.certPem });
    running.push(launched.child);
    const [, , , socketPath, , certificate] = launched.line.split('|');
    const serverPem = Buffer.from(new X509Certificate(Buffer.from(certificate, 'base64')).toString());
    const provider = new definitions.tfplugin6.Provider(`unix://${socketPath}`, grpc.credentials.createSsl(serverPem, Buffer.from(impostor.keyPem), Buffer.from(impostor.certPem)), {
      'grpc.ssl_target_name_override': 'localhost',
    });
    await expect(call(provider, 'GetProviderSchema', {})).rejects.toThrow();
    provider.close();
  });

  test('TF_DISABLE_PLUGIN_TLS serves plaintext with an empty certificate field', async () => {
    const launched = await launch(executable, { [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, TF_DISABLE_PLUGIN_TLS: '1', PLUGIN_CLIENT_CERT: createServerCertificate().certPem });
    running.push(launched.child);
    const parts = launched.line.split('|');
    expect(parts[5]).toBe('');
    const provider = new definitions.tfplugin6.Provider(`unix://${parts[3]}`, grpc.credentials.createInsecure());
    const metadata = await call<{ resources: { type_name: string }[] }>(provider, 'GetMetadata', {});
    expect(metadata.resources).toEqual([{ type_name: 'testing_thing' }]);
    provider.close();
  });
});
