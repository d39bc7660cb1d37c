import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningRegistryServer, startRegistryServer } from '../../src/cli/registry-server';

const root = join(__dirname, '..', '..');

interface Answer {
  readonly status: number;
  readonly type: string | undefined;
  readonly body: string;
}

/** A raw HTTP request: the path is sent as written (fetch would normalise `..` away). */
function get(url: string, path: string, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, path }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: response.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A release folder in miniature: what `npm run release` writes, with small stand-ins for the zips. */
function writeFakeRelease(dir: string): void {
  const write = (path: string, content: string): void => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  write('.well-known/terraform.json', '{"providers.v1":"/v1/providers/"}');
  write('v1/providers/cdktf-snyk/snyk/versions', '{"versions":[]}');
  write('terraform-provider-snyk_0.1.0_linux_amd64.zip', 'PK zip');
  write('terraform-provider-snyk_0.1.0_SHA256SUMS', 'abc  terraform-provider-snyk_0.1.0_linux_amd64.zip\n');
}

describe('cdktf-snyk registry serve', () => {
  let dir: string;
  let server: RunningRegistryServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cdktf-snyk-registry-'));
    writeFakeRelease(join(dir, 'release'));
    writeFileSync(join(dir, 'secret.txt'), 'outside the release folder');
    server = await startRegistryServer({ dir: join(dir, 'release') });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('serves service discovery and the extension-less registry documents as JSON', async () => {
    const discovery = await get(server.url, '/.well-known/terraform.json');
    expect(discovery).toEqual({ status: 200, type: 'application/json', body: '{"providers.v1":"/v1/providers/"}' });
    const versions = await get(server.url, '/v1/providers/cdktf-snyk/snyk/versions');
    expect(versions).toMatchObject({ status: 200, type: 'application/json' });
  });

  test('serves the zips and the checksums with their own types', async () => {
    expect(await get(server.url, '/terraform-provider-snyk_0.1.0_linux_amd64.zip')).toMatchObject({ status: 200, type: 'application/zip', body: 'PK zip' });
    expect(await get(server.url, '/terraform-provider-snyk_0.1.0_SHA256SUMS')).toMatchObject({ status: 200, type: 'text/plain; charset=utf-8' });
    expect(await get(server.url, '/terraform-provider-snyk_0.1.0_SHA256SUMS', 'HEAD')).toMatchObject({ status: 200, body: '' });
  });

  test('never serves a file outside the folder, and serves nothing but GET and HEAD', async () => {
    // URL parsing folds the plain and %2e forms of `..`; only an encoded slash (%2f) reaches the folder check.
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/v1/../../secret.txt', '/..%2fsecret.txt', '/v1/..%2f..%2fsecret.txt', '/', '/v1', '/missing', '/terraform-provider-snyk_0.1.0_linux_amd64.zip/inside']) {
      expect({ path, ...(await get(server.url, path)) }).toMatchObject({ path, status: 404 });
    }
    expect((await get(server.url, '/.well-known/terraform.json', 'POST')).status).toBe(405);
  });

  test('refuses a folder that is not a release, saying how to make one', async () => {
    await expect(startRegistryServer({ dir })).rejects.toThrow(/not a release folder.*npm run release/);
    await expect(startRegistryServer({ dir: join(dir, 'release'), tlsCert: 'cert.pem' })).rejects.toThrow(/both --tls-cert and --tls-key/);
  });

  test('the CLI command serves the folder and prints the CLI configuration that uses it', async () => {
    const child = spawn(process.execPath, [join(root, 'dist', 'cli.js'), 'registry', 'serve', '--dir', join(dir, 'release'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const output = await new Promise<string>((resolve, reject) => {
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('direct {')) resolve(stdout);
        });
        child.on('exit', (code) => reject(new Error(`registry serve exited ${code}: ${stdout}`)));
      });
      const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] as string;
      expect(output).toContain('Terraform needs HTTPS');
      expect(output).toContain(`url     = "${url}/"`);
      expect(output).toContain('include = ["registry.terraform.io/cdktf-snyk/snyk"]');
      expect((await get(url, '/.well-known/terraform.json')).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
