// A loopback HTTP proxy in front of the emulator that times every call, so a benchmark can tell how many Snyk calls
// were in flight at once. It records method, path (no query), status and times: never headers or bodies.
import { createServer, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { URL } from 'node:url';

const TYPE_MAP_PATH = /^\/v1\/org\/[^/]+\/integrations\/?$/;

/**
 * Starts the probe on 127.0.0.1, forwarding to `targetUrl`.
 * @returns {Promise<{ url: string, reset: () => void, summary: () => TrafficSummary, calls: () => object[], close: () => Promise<void> }>}
 */
export async function startTrafficProbe(targetUrl) {
  const target = new URL(targetUrl);
  const state = { calls: [], inFlight: 0, maxInFlight: 0 };
  const server = createServer((incoming, outgoing) => forward(target, state, incoming, outgoing));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    reset: () => {
      state.calls = [];
      state.maxInFlight = state.inFlight;
    },
    summary: () => summarize(state),
    /** Every call answered since the last reset, in the order answered: method, path, status, start and end (ms). */
    calls: () => state.calls.map((call) => ({ ...call })),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function forward(target, state, incoming, outgoing) {
  const started = performance.now();
  state.inFlight += 1;
  state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
  let finished = false;
  outgoing.on('close', () => {
    if (finished) return;
    finished = true;
    state.inFlight -= 1;
    const path = (incoming.url ?? '/').split('?')[0];
    state.calls.push({ method: incoming.method, path, status: outgoing.statusCode, started, ended: performance.now() });
  });
  const upstream = request(
    { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  upstream.on('error', () => (outgoing.headersSent ? outgoing.destroy() : outgoing.writeHead(502).end()));
  incoming.pipe(upstream);
}

/**
 * @typedef {object} TrafficSummary
 * @property {number} calls every call answered since the last reset
 * @property {number} typeMapCalls `GET /v1/org/{id}/integrations`, the integration type map
 * @property {number} failed calls answered with a status >= 400 (or dropped)
 * @property {number} maxInFlight most calls in flight at the same moment
 * @property {number} busyMs sum of the calls' durations: the time they would take one after another
 * @property {number} windowMs from the first call's start to the last call's end
 */
function summarize(state) {
  const calls = state.calls;
  const busyMs = calls.reduce((sum, call) => sum + (call.ended - call.started), 0);
  const windowMs = calls.length === 0 ? 0 : Math.max(...calls.map((c) => c.ended)) - Math.min(...calls.map((c) => c.started));
  return {
    calls: calls.length,
    typeMapCalls: calls.filter((call) => call.method === 'GET' && TYPE_MAP_PATH.test(call.path)).length,
    failed: calls.filter((call) => !(call.status >= 200 && call.status < 400)).length,
    maxInFlight: state.maxInFlight,
    busyMs,
    windowMs,
  };
}
