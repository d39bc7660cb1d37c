// Spawn to the first RPC answered: what Terraform waits for at every provider launch. A gRPC client does what
// Terraform does (magic cookie, protocol 6, AutoMTLS with its own client certificate), reads the handshake line, dials
// the Unix socket over mutual TLS and calls GetProviderSchema; the clock stops at the answer. The provider is then
// stopped with SIGTERM and awaited, so that it leaves the machine as Terraform's Shutdown would.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setImmediate } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

export const TERRAFORM_PLUGIN_ENV = {
  TF_PLUGIN_MAGIC_COOKIE: 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2',
  PLUGIN_PROTOCOL_VERSIONS: '6',
  PLUGIN_MIN_PORT: '10000',
  PLUGIN_MAX_PORT: '25000',
};

/** A client certificate like the one Terraform passes in PLUGIN_CLIENT_CERT, made with the provider's own code. */
async function clientCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'first-answer-'));
  try {
    const outfile = join(dir, 'certificate.cjs');
    await build({ entryPoints: [join(root, 'src/provider/plugin/certificate.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning' });
    return require(outfile).createServerCertificate();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A client that launches providers as Terraform does; `close` when done. */
export async function createLaunchClient() {
  const grpc = require('@grpc/grpc-js');
  const { fromJSON } = require('@grpc/proto-loader');
  const descriptor = JSON.parse(readFileSync(join(root, 'src/provider/plugin/tfplugin6.json'), 'utf8'));
  const definitions = grpc.loadPackageDefinition(fromJSON(descriptor, { keepCase: true, longs: Number, enums: Number, defaults: true, oneofs: true }));
  const certificate = await clientCertificate();
  const connect = (socketPath, serverCertificateBase64) => {
    const serverPem = new X509Certificate(Buffer.from(serverCertificateBase64, 'base64')).toString();
    const credentials = grpc.credentials.createSsl(Buffer.from(serverPem), Buffer.from(certificate.keyPem), Buffer.from(certificate.certPem));
    return new definitions.tfplugin6.Provider(`unix://${socketPath}`, credentials, { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' });
  };
  return { env: { ...TERRAFORM_PLUGIN_ENV, PLUGIN_CLIENT_CERT: certificate.certPem }, connect };
}

/**
 * One launch: ms from spawn to the handshake line and to the GetProviderSchema answer, and the provider's CPU ms
 * (user + system, from /proc) at the answer, which a busy machine disturbs less than wall time.
 */
export function timeFirstAnswer(client, command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const sinceStart = () => Number(process.hrtime.bigint() - started) / 1e6;
    const child = spawn(command, args, { env: { PATH: process.env.PATH, ...env, ...client.env }, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    let result;
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`${command} exited ${code} before answering: ${stdout}`))));
    child.stdout.on('data', (chunk) => {
      const hadLine = stdout.includes('\n');
      stdout += chunk.toString();
      if (hadLine || !stdout.includes('\n')) return;
      const handshakeMs = sinceStart();
      const [, , , socketPath, , certificate] = stdout.split('\n')[0].split('|');
      const provider = client.connect(socketPath, certificate);
      provider.GetProviderSchema({}, (error) => {
        const answerMs = sinceStart();
        const cpuMs = processCpuMs(child.pid);
        provider.close();
        if (error) {
          child.kill('SIGKILL');
          reject(error);
          return;
        }
        result = { handshakeMs, answerMs, cpuMs };
        child.kill('SIGTERM');
      });
    });
  });
}

/** Wall ms from spawn to exit of `node -e 0`, and its CPU ms (from this process's reaped-children times). */
export function timeBareNode(node) {
  return new Promise((resolve, reject) => {
    const cpuBefore = childrenCpuMs();
    const started = process.hrtime.bigint();
    const child = spawn(node, ['-e', '0'], { env: { PATH: process.env.PATH }, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The child is reaped once 'exit' has been emitted, so its times are in this process's children times now.
      setImmediate(() => resolve({ ms, cpuMs: childrenCpuMs() - cpuBefore }));
    });
  });
}

const CLOCK_TICKS_PER_SECOND = 100;

function statFields(pid) {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
}

/** utime + stime of a running process, in ms; NaN where /proc is missing. */
function processCpuMs(pid) {
  try {
    const fields = statFields(pid);
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

/** cutime + cstime of this process (its reaped children), in ms; NaN where /proc is missing. */
function childrenCpuMs() {
  try {
    const fields = statFields('self');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
