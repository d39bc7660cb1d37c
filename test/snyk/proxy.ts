import { createServer, IncomingHttpHeaders, request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request as the proxy saw it, on its way to the emulator. */
export interface SeenRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
}

/** A loopback HTTP proxy in front of the emulator, for what the emulator cannot show: headers, bodies, lost answers. */
export interface TestProxy {
  url: string;
  seen: SeenRequest[];
  /** The next `times` requests matching method and path reach the emulator, but their answer is cut off. */
  loseAnswers(method: string, pathPattern: RegExp, times?: number): void;
  close(): Promise<void>;
}

export async function startProxy(targetUrl: string): Promise<TestProxy> {
  const target = new URL(targetUrl);
  const seen: SeenRequest[] = [];
  const losses: Array<{ method: string; pattern: RegExp; remaining: number }> = [];
  const shouldLose = (method: string, path: string): boolean => {
    const loss = losses.find((candidate) => candidate.remaining > 0 && candidate.method === method && candidate.pattern.test(path));
    if (loss) {
      loss.remaining -= 1;
    }
    return loss !== undefined;
  };

  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const raw = Buffer.concat(chunks);
      const url = new URL(incoming.url ?? '/', 'http://proxy.invalid');
      const method = incoming.method ?? 'GET';
      seen.push({ method, path: url.pathname, query: url.search, headers: incoming.headers, body: raw.length ? (JSON.parse(raw.toString('utf8')) as unknown) : undefined });
      const lose = shouldLose(method, url.pathname);
      const forwarded = httpRequest(
        { host: target.hostname, port: target.port, method, path: incoming.url, headers: { ...incoming.headers, host: target.host } },
        (answer) => {
          if (lose) {
            answer.resume();
            answer.on('end', () => incoming.socket.destroy());
            return;
          }
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.on('error', () => incoming.socket.destroy());
      forwarded.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    loseAnswers: (method, pattern, times = 1) => losses.push({ method, pattern, remaining: times }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
