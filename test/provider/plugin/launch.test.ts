import * as grpc from '@grpc/grpc-js';
import { ChildProcess, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { precomputeResponses } from '../../../src/provider/framework/serve-provider';
import { createServerCertificate, MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../../src/provider/plugin';
import { CODE_CACHE_DIR_ENV } from '../../../src/provider/plugin/code-cache';
import { snykProvider } from '../../../src/provider/provider';

const bundle = join(__dirname, '..', '..', '..', 'dist', 'terraform-provider-snyk.js');
const identity = (value: Buffer) => value;

interface Launched {
  readonly child: ChildProcess;
  call(path: string, request?: Buffer): Promise<Buffer>;
  stop(): Promise<void>;
}

/** Starts the bundle as Terraform does (AutoMTLS with a client certificate) and connects a raw-bytes gRPC client. */
function launch(cacheDir: string): Promise<Launched> {
  const clientCertificate = createServerCertificate();
  const child = spawn(process.execPath, [bundle], {
    env: { ...process.env, [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSIONS: '6', PLUGIN_CLIENT_CERT: clientCertificate.certPem, [CODE_CACHE_DIR_ENV]: cacheDir },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.on('error', reject);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!stdout.includes('\n')) return;
      child.stdout!.removeAllListeners('data');
      const [, , , socketPath, , certificate] = stdout.split('\n')[0].split('|');
      const serverPem = new X509Certificate(Buffer.from(certificate, 'base64')).toString();
      const credentials = grpc.credentials.createSsl(Buffer.from(serverPem), Buffer.from(clientCertificate.keyPem), Buffer.from(clientCertificate.certPem));
      const client = new grpc.Client(`unix://${socketPath}`, credentials, { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' });
      resolve({
        child,
        call: (path, request = Buffer.alloc(0)) =>
          new Promise((done, fail) => client.makeUnaryRequest(path, identity, identity, request, (error, response) => (error ? fail(error) : done(response!)))),
        stop: () =>
          new Promise((done) => {
            client.close();
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

describe('launches of the bundled provider', () => {
  let cacheDir: string;

  beforeAll(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'provider-launch-'));
  });

  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  test('the schema is answered from the bundle, equal to the live answer, without loading the provider code', async () => {
    expect(existsSync(bundle)).toBe(true);
    const provider = await launch(join(cacheDir, 'schema-only'));
    const schema = await provider.call('/tfplugin6.Provider/GetProviderSchema');
    const metadata = await provider.call('/tfplugin6.Provider/GetMetadata');
    // Terraform ends each launch with the controller's Shutdown: the process answers and exits by itself.
    const exited = new Promise((resolve) => provider.child.once('exit', resolve));
    await expect(provider.call('/plugin.GRPCController/Shutdown')).resolves.toEqual(Buffer.alloc(0));
    await exited;
    await provider.stop();
    const live = await precomputeResponses(snykProvider);
    expect(schema.toString('base64')).toBe(live['/tfplugin6.Provider/GetProviderSchema']);
    expect(metadata.toString('base64')).toBe(live['/tfplugin6.Provider/GetMetadata']);
    // The provider code is compiled (and its code cache written at exit) only when an RPC needs it.
    const schemaOnly = join(cacheDir, 'schema-only');
    expect(existsSync(schemaOnly) ? readdirSync(schemaOnly) : []).toEqual([]);
  });

  test('the provider code loads on the first RPC that needs it, and the next launch of that kind runs it from the code cache', async () => {
    const dir = join(cacheDir, 'full');
    const first = await launch(dir);
    await expect(first.call('/tfplugin6.Provider/StopProvider')).resolves.toBeInstanceOf(Buffer);
    await first.stop();
    const files = readdirSync(dir);
    expect(files).toEqual([expect.stringMatching(/-StopProvider-.*\.v8cache$/)]);
    // A launch that takes its code from the cache, and runs nothing the cache lacks, leaves the file as it is: one that
    // compiled afresh (the cache missing, unreadable or rejected by V8) would write it again when it exits.
    const longAgo = new Date(Date.now() - 24 * 3600_000);
    utimesSync(join(dir, files[0]), longAgo, longAgo);
    const second = await launch(dir);
    await expect(second.call('/tfplugin6.Provider/StopProvider')).resolves.toBeInstanceOf(Buffer);
    await second.stop();
    expect(readdirSync(dir)).toEqual(files);
    expect(statSync(join(dir, files[0])).mtimeMs).toBeLessThan(Date.now() - 3600_000);
  });
});
