import { createHash, timingSafeEqual } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, ErrorFlavor, ErrorReply, errorReply, unauthorisedReply } from './errors';
import { FaultResponse } from './faults';
import { StatePersister } from './persistence';
import { EmulatorServices, Reply, Route, matchRoute } from './router';
import { adminRoutes } from './routes/admin';
import { integrationRoutes } from './routes/integrations';
import { orgRoutes } from './routes/orgs';
import { restContentTypeProblem, restRoutes, restVersionProblem } from './routes/rest-orgs';

const MAX_BODY_BYTES = 1024 * 1024;
const SNYK_ROUTES: readonly Route[] = [...orgRoutes, ...integrationRoutes, ...restRoutes];

type Area = 'v1' | 'rest' | 'admin';

/** The parts of a request the handler needs once it is read. */
interface ParsedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  area: Area;
}

/** Answers HTTP requests: faults, then auth, then routing, persisting every change before replying. */
export class EmulatorRequestHandler {
  private readonly apiKeyDigest: Buffer;
  private readonly delays = new Set<NodeJS.Timeout>();

  constructor(
    private readonly services: EmulatorServices,
    apiKey: string,
    private readonly persister: StatePersister,
  ) {
    this.apiKeyDigest = digest(apiKey);
  }

  /** The `http.Server` request listener. */
  readonly listener = (request: IncomingMessage, response: ServerResponse): void => {
    this.handle(request, response).catch(() => {
      if (!response.headersSent) {
        sendError(response, errorReply(500, 'Internal emulator error', 'v1'), 'v1');
      }
    });
  };

  /** Cancels injected delays that have not elapsed (on close). */
  cancelDelays(): void {
    this.delays.forEach((timer) => clearTimeout(timer));
    this.delays.clear();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const parsed = parseRequest(request);
    if (parsed.area !== 'admin') {
      response.once('finish', () => this.services.log.record({ method: parsed.method, path: parsed.path, status: response.statusCode }));
      const fault = this.services.faults.take(parsed.method, parsed.path);
      if (fault !== undefined && (await this.applyFault(fault, parsed, request, response)) === 'answered') {
        return;
      }
    }
    if (!this.authorised(request.headers.authorization)) {
      sendError(response, unauthorisedReply(flavorOf(parsed.area)), parsed.area);
      return;
    }
    await this.route(parsed, request, response);
  }

  private async applyFault(fault: FaultResponse, parsed: ParsedRequest, request: IncomingMessage, response: ServerResponse): Promise<'answered' | 'continue'> {
    if ('drop' in fault) {
      response.removeAllListeners('finish');
      this.services.log.record({ method: parsed.method, path: parsed.path, status: 0 });
      request.socket.destroy();
      return 'answered';
    }
    if ('delayMs' in fault) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => (this.delays.delete(timer), resolve()), fault.delayMs);
        this.delays.add(timer);
      });
      return 'continue';
    }
    const message = fault.status === 429 ? 'Too many requests, please try again later' : 'Injected fault';
    const reply = errorReply(fault.status, message, flavorOf(parsed.area));
    if (fault.retryAfterSeconds !== undefined) {
      reply.headers['retry-after'] = String(fault.retryAfterSeconds);
    }
    sendError(response, reply, parsed.area);
    return 'answered';
  }

  private async route(parsed: ParsedRequest, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const routes = parsed.area === 'admin' ? adminRoutes : SNYK_ROUTES;
    const match = matchRoute(routes, parsed.method, parsed.path);
    if (match.kind !== 'found') {
      const status = match.kind === 'wrong-method' ? 405 : 404;
      const message = match.kind === 'wrong-method' ? `${parsed.method} is not allowed here; use ${match.allowed.join(', ')}` : `No such path: ${parsed.path}`;
      sendError(response, errorReply(status, message, flavorOf(parsed.area)), parsed.area);
      return;
    }
    const flavor = match.route.errorFlavor ?? flavorOf(parsed.area);
    try {
      const body = await readJsonBody(request);
      this.checkRestRequest(parsed, request, body);
      const revisionBefore = this.services.model.revision;
      const reply = match.route.handle({ params: match.params, query: parsed.query, body, services: this.services });
      if (this.services.model.revision !== revisionBefore) {
        await this.persistOrFail();
      }
      sendReply(response, reply, parsed.area);
    } catch (error) {
      const reply = error instanceof ApiError ? errorReply(error.status, error.message, flavor) : errorReply(500, 'Internal emulator error', flavor);
      sendError(response, reply, parsed.area);
    }
  }

  private checkRestRequest(parsed: ParsedRequest, request: IncomingMessage, body: unknown): void {
    if (parsed.area !== 'rest') {
      return;
    }
    const problem = restVersionProblem(parsed.query) ?? (body === undefined ? undefined : restContentTypeProblem(request.headers['content-type']));
    if (problem !== undefined) {
      throw new ApiError(400, problem);
    }
  }

  private async persistOrFail(): Promise<void> {
    try {
      await this.persister.save();
    } catch {
      throw new ApiError(500, 'The emulator could not write its state file');
    }
  }

  private authorised(header: string | undefined): boolean {
    const match = /^token\s+(\S+)\s*$/i.exec(header ?? '');
    return match !== null && timingSafeEqual(digest(match[1] as string), this.apiKeyDigest);
  }
}

function parseRequest(request: IncomingMessage): ParsedRequest {
  const url = new URL(request.url ?? '/', 'http://emulator.invalid');
  const path = url.pathname;
  const area: Area = path === '/_emulator' || path.startsWith('/_emulator/') ? 'admin' : path.startsWith('/rest/') ? 'rest' : 'v1';
  return { method: (request.method ?? 'GET').toUpperCase(), path, query: url.searchParams, area };
}

function flavorOf(area: Area): ErrorFlavor {
  return area === 'rest' ? 'rest' : 'v1';
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new ApiError(413, 'The request body is too large');
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    // The parser's message quotes the body, which may hold credentials: say only that it is not JSON.
    throw new ApiError(400, 'The request body is not valid JSON');
  }
}

function sendReply(response: ServerResponse, reply: Reply, area: Area): void {
  if (reply.body === undefined) {
    response.writeHead(reply.status).end();
    return;
  }
  sendJson(response, reply.status, reply.body, area, {});
}

function sendError(response: ServerResponse, reply: ErrorReply, area: Area): void {
  sendJson(response, reply.status, reply.body, area, reply.headers);
}

function sendJson(response: ServerResponse, status: number, body: unknown, area: Area, headers: Record<string, string>): void {
  const text = JSON.stringify(body);
  const contentType = area === 'rest' ? 'application/vnd.api+json' : 'application/json; charset=utf-8';
  response.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(text) }).end(text);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
