// Spawn-to-first-RPC-answer of a provider executable: what Terraform waits for before any work, each launch.
// Usage: node scripts/release/measure-launch.mjs [--runs N] -- COMMAND [ARGS...]   (e.g. -- node dist/terraform-provider-snyk.js)
// The provider gets what Terraform gives it (magic cookie, protocol 6, a client certificate); the clock stops when
// GetProviderSchema has been answered over mutual TLS, then the provider is shut down. Prints the medians: wall-clock ms, and the provider's CPU ms (user + system, from /proc),
// which a busy machine disturbs less.
import { Buffer } from 'node:buffer';
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const grpc = require('@grpc/grpc-js');
const { fromJSON } = require('@grpc/proto-loader');
const MAGIC_COOKIE = { TF_PLUGIN_MAGIC_COOKIE: 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2', PLUGIN_PROTOCOL_VERSIONS: '6' };

const descriptor = JSON.parse(readFileSync(join(root, 'src/provider/plugin/tfplugin6.json'), 'utf8'));
const definitions = grpc.loadPackageDefinition(fromJSON(descriptor, { keepCase: true, longs: Number, enums: Number, defaults: true, oneofs: true }));

/** A client certificate like the one Terraform passes in PLUGIN_CLIENT_CERT, made with the provider's own code. */
export async function clientCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'measure-launch-'));
  try {
    const outfile = join(dir, 'certificate.cjs');
    await build({ entryPoints: [join(root, 'src/provider/plugin/certificate.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning' });
    return require(outfile).createServerCertificate();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function call(client, method, request) {
  return new Promise((resolve, reject) => client[method](request, (error, response) => (error ? reject(error) : resolve(response))));
}

/** CPU time (user + system) a process has used so far, in ms, where /proc tells it (Linux): robust to a busy machine. */
function cpuMilliseconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Milliseconds from spawn to the answer of the first GetProviderSchema. */
export function timeFirstAnswer(command, args, client, env = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { env: { PATH: process.env.PATH, ...env, ...MAGIC_COOKIE, PLUGIN_CLIENT_CERT: client.certPem }, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`${command} exited ${code} before answering: ${stdout}`)));
    child.stdout.on('data', async (chunk) => {
      const before = stdout;
      stdout += chunk.toString();
      if (before.includes('\n') || !stdout.includes('\n')) return;
      const [, , , socketPath, , certificate] = stdout.split('\n')[0].split('|');
      const serverPem = new X509Certificate(Buffer.from(certificate, 'base64')).toString();
      const credentials = grpc.credentials.createSsl(Buffer.from(serverPem), Buffer.from(client.keyPem), Buffer.from(client.certPem));
      const options = { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' };
      const provider = new definitions.tfplugin6.Provider(`unix://${socketPath}`, credentials, options);
      try {
        await call(provider, 'GetProviderSchema', {});
        const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
        const cpu = cpuMilliseconds(child.pid);
        child.removeAllListeners('exit');
        child.kill('SIGKILL');
        resolve({ elapsed, cpu });
      } catch (error) {
        child.removeAllListeners('exit');
        child.kill('SIGKILL');
        reject(error);
      } finally {
        provider.close();
      }
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Medians of wall-clock and CPU milliseconds from spawn to the first answer. */
export async function medianFirstAnswer(command, args, runs, env) {
  const client = await clientCertificate();
  const samples = [];
  for (let run = 0; run < runs; run += 1) samples.push(await timeFirstAnswer(command, args, client, env));
  return { elapsed: median(samples.map((sample) => sample.elapsed)), cpu: median(samples.map((sample) => sample.cpu)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 15;
  const [command, ...args] = argv.slice(argv.indexOf('--') + 1);
  const result = await medianFirstAnswer(command, args, runs);
  console.log(`${[command, ...args].join(' ')}: spawn to first answer, median of ${runs}: ${result.elapsed.toFixed(1)} ms wall, ${result.cpu.toFixed(0)} ms CPU`);
}
