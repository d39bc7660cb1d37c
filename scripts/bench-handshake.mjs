// Median launch-to-handshake time of the bundled provider against `node -e 0`, measured in the same run.
// Usage: node scripts/bench-handshake.mjs [--runs N] [--provider PATH] [--json]
// The provider gets what Terraform gives it (magic cookie, protocol versions, a client certificate), so the time
// includes certificate generation and gRPC start-up. Prints a table, or one JSON object with --json.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', '21'));
const providerPath = option('--provider', join(root, 'dist', 'terraform-provider-snyk.js'));

if (!existsSync(providerPath)) {
  console.error(`${providerPath} does not exist: run npm run build first (or pass --provider PATH).`);
  process.exit(1);
}

/** A client certificate like the one Terraform passes in PLUGIN_CLIENT_CERT, made with the provider's own code. */
async function clientCertificatePem() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-handshake-'));
  try {
    const outfile = join(dir, 'certificate.cjs');
    await build({ entryPoints: [join(root, 'src/provider/plugin/certificate.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning' });
    return createRequire(import.meta.url)(outfile).createServerCertificate().certPem;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Milliseconds from spawn to the first stdout line (provider) or to exit (`node -e 0`). */
function timeLaunch(command, commandArgs, env, untilFirstLine) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const child = spawn(command, commandArgs, { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let settled = false;
    child.stdout.on('data', (chunk) => {
      if (untilFirstLine && !settled && chunk.includes(10)) {
        settled = true;
        resolve(elapsed());
        child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (settled) return;
      settled = true;
      if (untilFirstLine) reject(new Error(`provider exited with ${code} before the handshake`));
      else resolve(elapsed());
    });
  });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const providerEnv = {
  PATH: process.env.PATH,
  TF_PLUGIN_MAGIC_COOKIE: 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2',
  PLUGIN_PROTOCOL_VERSIONS: '5,6',
  PLUGIN_MIN_PORT: '10000',
  PLUGIN_MAX_PORT: '25000',
  PLUGIN_CLIENT_CERT: await clientCertificatePem(),
};

const nodeTimes = [];
const providerTimes = [];
// Interleaved so that machine load affects both series alike.
for (let run = 0; run < runs; run++) {
  nodeTimes.push(await timeLaunch(process.execPath, ['-e', '0'], { PATH: process.env.PATH }, false));
  providerTimes.push(await timeLaunch(process.execPath, [providerPath], providerEnv, true));
}
const result = {
  runs,
  nodeMedianMs: Number(median(nodeTimes).toFixed(1)),
  handshakeMedianMs: Number(median(providerTimes).toFixed(1)),
};
result.ratio = Number((result.handshakeMedianMs / result.nodeMedianMs).toFixed(2));

if (args.includes('--json')) {
  console.log(JSON.stringify(result));
} else {
  console.log(`launch-to-handshake (median of ${runs}): provider ${result.handshakeMedianMs} ms, node -e 0 ${result.nodeMedianMs} ms, ratio ${result.ratio}`);
}
