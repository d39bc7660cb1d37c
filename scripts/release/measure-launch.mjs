// Spawn-to-first-RPC-answer of a provider executable: what Terraform waits for before any work, each launch.
// Usage: node scripts/release/measure-launch.mjs [--runs N] -- COMMAND [ARGS...]   (e.g. -- node dist/terraform-provider-snyk.js)
// Launches as the launch benchmark does (scripts/bench/first-answer.mjs: Terraform's magic cookie, protocol 6 and
// AutoMTLS; the clock stops when GetProviderSchema is answered) and prints the medians: wall-clock ms, and the
// provider's CPU ms (user + system, from /proc), which a busy machine disturbs less.
import { createLaunchClient, timeFirstAnswer } from '../bench/first-answer.mjs';
import { median } from '../bench/stats.mjs';

const argv = process.argv.slice(2);
const runs = argv.includes('--runs') ? Number(argv[argv.indexOf('--runs') + 1]) : 15;
const [command, ...args] = argv.slice(argv.indexOf('--') + 1);
const client = await createLaunchClient();
const samples = [];
for (let run = 0; run < runs; run += 1) samples.push(await timeFirstAnswer(client, command, args));
const wallMs = median(samples.map((sample) => sample.answerMs));
const cpuMs = median(samples.map((sample) => sample.cpuMs));
console.log(`${[command, ...args].join(' ')}: spawn to first answer, median of ${runs}: ${wallMs.toFixed(1)} ms wall, ${cpuMs.toFixed(0)} ms CPU`);
