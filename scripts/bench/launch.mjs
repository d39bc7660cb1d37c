// Benchmark 1: spawn to the first RPC answered, for each launch target, against `node -e 0` of the same Node measured
// in the same run (interleaved, so that machine load hits both alike). The handshake line is reported as a detail:
// Terraform only starts working once its first call is answered. A third program, minimal-plugin.cjs on the same Node,
// is the floor of the mechanism itself: the least any Node program does to answer that call under AutoMTLS.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, round } from './stats.mjs';
import { createLaunchClient, timeBareNode, timeFirstAnswer } from './first-answer.mjs';

export const LAUNCH_GOAL_RATIO = 1.5;

/** The floor of the mechanism: the least any Node program does to answer Terraform's first call under AutoMTLS. */
export const MINIMAL_PLUGIN = join(dirname(fileURLToPath(import.meta.url)), 'minimal-plugin.cjs');

/**
 * Launches each target and the minimal plugin on its Node `runs` times, interleaved with `node -e 0` (after one
 * unmeasured launch of each, which fills the provider's code cache).
 */
export async function runLaunchBenchmark({ targets, runs }) {
  const client = await createLaunchClient();
  const columns = [];
  for (const target of targets) {
    const launchProvider = () => timeFirstAnswer(client, target.command, target.args);
    const launchMinimal = () => timeFirstAnswer(client, target.node, [MINIMAL_PLUGIN]);
    await launchProvider();
    await launchMinimal();
    const node = [];
    const provider = [];
    const minimal = [];
    for (let run = 0; run < runs; run++) {
      node.push(await timeBareNode(target.node));
      provider.push(await launchProvider());
      minimal.push(await launchMinimal());
    }
    columns.push(summarise(target, node, provider, minimal));
  }
  return {
    id: 'launch',
    title: 'Launch: spawn to the first RPC answered',
    header: ['', ...columns.map((column) => column.label)],
    goal: `first answer median <= ${LAUNCH_GOAL_RATIO} x node -e 0 median, for each`,
    pass: columns.every((column) => column.ratio <= LAUNCH_GOAL_RATIO),
    rows: [
      ['launches of each program', ...columns.map(() => runs)],
      ['node -e 0 of the same Node, median', ...columns.map((column) => `${column.nodeMs} ms`)],
      ['provider: spawn to GetProviderSchema answered, median', ...columns.map((column) => `${column.answerMs} ms`)],
      ['**ratio**', ...columns.map((column) => `**${column.ratio}x**`)],
      ['minimal AutoMTLS gRPC answer in Node (floor of the mechanism), median', ...columns.map((column) => `${column.minimalMs} ms`)],
      ['minimal AutoMTLS gRPC answer: ratio to node -e 0', ...columns.map((column) => `${column.minimalRatio}x`)],
      ['detail: spawn to handshake line, median', ...columns.map((column) => `${column.handshakeMs} ms`)],
      ['detail: CPU ms, node -e 0 / provider at the answer', ...columns.map((column) => `${column.nodeCpuMs} / ${column.providerCpuMs}`)],
    ],
    values: columns,
  };
}

function summarise(target, node, provider, minimal) {
  const nodeMs = round(median(node.map((sample) => sample.ms)));
  const answerMs = round(median(provider.map((sample) => sample.answerMs)));
  const minimalMs = round(median(minimal.map((sample) => sample.answerMs)));
  return {
    id: target.id,
    label: target.label,
    nodeMs,
    answerMs,
    ratio: round(answerMs / nodeMs, 2),
    minimalMs,
    minimalRatio: round(minimalMs / nodeMs, 2),
    handshakeMs: round(median(provider.map((sample) => sample.handshakeMs))),
    nodeCpuMs: round(median(node.map((sample) => sample.cpuMs)), 0),
    providerCpuMs: round(median(provider.map((sample) => sample.cpuMs)), 0),
  };
}
