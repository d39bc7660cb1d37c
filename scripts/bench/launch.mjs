// Benchmark 1: median launch-to-handshake time of the bundled provider against `node -e 0`, measured in the same run
// by scripts/bench-handshake.mjs (interleaved launches, the environment Terraform gives a plugin).
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const HANDSHAKE_GOAL_RATIO = 1.5;

/** Runs the handshake measurement `runs` times for each program and returns the benchmark result. */
export async function runHandshakeBenchmark({ root, bundlePath, runs }) {
  const script = join(root, 'scripts', 'bench-handshake.mjs');
  const output = await runNode([script, '--runs', String(runs), '--provider', bundlePath, '--json']);
  const measured = JSON.parse(output.trim().split('\n').pop());
  return {
    id: 'handshake',
    title: 'Launch to handshake',
    goal: `provider median <= ${HANDSHAKE_GOAL_RATIO} x node -e 0 median`,
    pass: measured.ratio <= HANDSHAKE_GOAL_RATIO,
    rows: [
      ['launches of each program', measured.runs],
      ['node -e 0, median', `${measured.nodeMedianMs} ms`],
      ['provider to handshake line, median', `${measured.handshakeMedianMs} ms`],
      ['ratio', `${measured.ratio}x`],
    ],
  };
}

function runNode(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`bench-handshake.mjs exited ${code}: ${stderr.trim()}`))));
  });
}
