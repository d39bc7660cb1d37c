import fc from 'fast-check';
import { createServer, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { ConcurrencyLimiter, limitMethods } from '../../src/provider/concurrency';
import { LoadCache } from '../../src/provider/load-cache';
import { createSnykContext, MAX_CONCURRENT_SNYK_CALLS } from '../../src/provider/snyk-context';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ConcurrencyLimiter', () => {
  test('never runs more than the cap at once, and runs every task', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 30 }), async (cap, count) => {
        const limiter = new ConcurrencyLimiter(cap);
        let running = 0;
        let peak = 0;
        const results = await Promise.all(
          Array.from({ length: count }, (_, i) =>
            limiter.run(async () => {
              running++;
              peak = Math.max(peak, running);
              await Promise.resolve();
              running--;
              return i;
            }),
          ),
        );
        expect(peak).toBeLessThanOrEqual(cap);
        expect(results).toEqual(Array.from({ length: count }, (_, i) => i));
      }),
    );
  });

  test('a failing task frees its slot', async () => {
    const limiter = new ConcurrencyLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  test('limitMethods queues calls on a wrapped object', async () => {
    const gate = deferred();
    const calls: string[] = [];
    const api = {
      async slow(name: string) {
        calls.push(`start ${name}`);
        await gate.promise;
        return name;
      },
    };
    const limited = limitMethods(api, new ConcurrencyLimiter(1));
    const first = limited.slow('a');
    const second = limited.slow('b');
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual(['start a']);
    gate.resolve();
    await expect(Promise.all([first, second])).resolves.toEqual(['a', 'b']);
  });
});

describe('the provider context', () => {
  test('caps the Universal Broker calls too, not only the client\'s own methods', async () => {
    const held: ServerResponse[] = [];
    let arrived = 0;
    const server = createServer((request, response) => {
      arrived += 1;
      held.push(response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const context = createSnykContext({ apiUrl, credential: { scheme: 'token', value: 'concurrency-test-token' }, region: 'SNYK-US-01' });
      const calls = Array.from({ length: MAX_CONCURRENT_SNYK_CALLS + 2 }, (_, index) => context.client.universalBroker.listAppInstalls(`org-${index}`));
      while (arrived < MAX_CONCURRENT_SNYK_CALLS) await new Promise((resolve) => setTimeout(resolve, 10));
      // Uncapped, the calls beyond the cap would be on their way by now; capped, none starts until one is answered.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(arrived).toBe(MAX_CONCURRENT_SNYK_CALLS);
      const answer = (response: ServerResponse) => response.writeHead(200, { 'content-type': 'application/vnd.api+json' }).end('{"data":[]}');
      held.splice(0).forEach(answer);
      while (arrived < calls.length) await new Promise((resolve) => setTimeout(resolve, 10));
      held.splice(0).forEach(answer);
      await expect(Promise.all(calls)).resolves.toEqual(calls.map(() => []));
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('LoadCache', () => {
  test('concurrent reads of one org make one call; invalidate makes the next read call again', async () => {
    const loads: string[] = [];
    const cache = new LoadCache<Record<string, string>>(async (orgId) => {
      loads.push(orgId);
      return { github: `${orgId}-gh` };
    });
    const maps = await Promise.all([cache.get('o1'), cache.get('o1'), cache.get('o2'), cache.get('o1')]);
    expect(maps[0]).toEqual({ github: 'o1-gh' });
    expect(loads).toEqual(['o1', 'o2']);
    cache.invalidate('o1');
    await cache.get('o1');
    expect(loads).toEqual(['o1', 'o2', 'o1']);
  });

  test('a failed load is not cached', async () => {
    let attempts = 0;
    const cache = new LoadCache<Record<string, string>>(async () => {
      attempts++;
      if (attempts === 1) throw new Error('503');
      return {};
    });
    await expect(cache.get('o')).rejects.toThrow('503');
    await expect(cache.get('o')).resolves.toEqual({});
  });

  test('a load that fails after an invalidate does not drop the load started since', async () => {
    let failFirst!: (error: Error) => void;
    const first = new Promise<Record<string, string>>((_, reject) => (failFirst = reject));
    let loads = 0;
    const cache = new LoadCache<Record<string, string>>(() => (++loads === 1 ? first : Promise.resolve({ github: 'new' })));
    const stale = cache.get('o');
    cache.invalidate('o');
    await expect(cache.get('o')).resolves.toEqual({ github: 'new' });
    failFirst(new Error('503'));
    await expect(stale).rejects.toThrow('503');
    await cache.get('o');
    expect(loads).toBe(2);
  });
});
