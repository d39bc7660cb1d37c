// An emulator with the traffic probe in front of it: the provider is pointed at the probe's URL.
import { startTrafficProbe } from './traffic-probe.mjs';

/** Starts both (`emulatorOptions` go to `startEmulator`); `providerEnv` is what the provider needs to reach them. */
export async function startInstrumentedEmulator(sources, emulatorOptions = {}) {
  const emulator = await sources.startEmulator(emulatorOptions);
  const probe = await startTrafficProbe(emulator.url);
  return {
    emulator,
    probe,
    providerEnv: { SNYK_TOKEN: emulator.apiKey, SNYK_API_URL: probe.url },
    /** Every Snyk call answered after `delayMs` (nothing when 0), as a far-away API would. */
    delayEveryCall: (delayMs) => {
      if (delayMs > 0) emulator.addFault({ respond: { delayMs }, fraction: 1 });
    },
    close: async () => {
      await probe.close();
      await emulator.close();
    },
  };
}

/** Report rows describing a probe summary. */
export function trafficRows(summary) {
  return {
    calls: summary.calls,
    typeMapCalls: summary.typeMapCalls,
    serial: `${Math.round(summary.busyMs)} ms`,
    window: `${Math.round(summary.windowMs)} ms`,
    effectiveConcurrency: effectiveConcurrency(summary).toFixed(1),
    maxInFlight: summary.maxInFlight,
  };
}

/** How many calls were in flight on average while any was: serial sum over the calls' time window. */
export function effectiveConcurrency(summary) {
  return summary.windowMs > 0 ? summary.busyMs / summary.windowMs : 0;
}
