import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, ErrorFlavor, errorReply, unauthorisedReply } from './errors';
import { FaultResponse, FiredFault } from './faults';
import { StatePersister } from './persistence';
import { RateLimiter } from './rate-limit';
import { EmulatorServices, Route, matchRoute } from './router';
import { adminRoutes } from './routes/admin';
import { integrationRoutes } from './routes/integrations';
import { orgRoutes } from './routes/orgs';
import { restContentTypeProblem, restRoutes, restVersionProblem } from './routes/rest-orgs';
import { universalBrokerAdminRoutes, universalBrokerRoutes } from './universal-broker';

const MAX_BODY_BYTES = 1024 * 1024;
const SNYK_ROUTES: readonly Route[] = [...orgRoutes, ...integrationRoutes, ...restRoutes, ...universalBrokerRoutes];
const ADMIN_ROUTES: readonly Route[] = [...adminRoutes, ...universalBrokerAdminRoutes];

/** The header Snyk sets on every answer; clients quote it in error reports. */
const REQUEST_ID_HEADER = 'snyk-request-id';

type Area = 'v1' | 'rest' | 'admin';

/** The parts of a request the handler needs once it is read. */
interface ParsedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  area: Area;
}

/** An answer ready to send. */
interface Answer {
  status: number;
  body?: unknown;
  headers: Record<string, string>;
}

/** The credentials the emulator knows: the API key and OAuth access tokens. */
export interface EmulatorCredentials {
  apiKey: string;
  oauthTokens: readonly string[];
}

/** Answers HTTP requests: faults, then auth, the rate limit and routing, persisting every change before replying. */
export class EmulatorRequestHandler {
  private readonly apiKeyDigest: Buffer;
  private readonly grantedKeyDigests: Buffer[];
  private readonly oauthDigests: Buffer[];
  private readonly delays = new Set<NodeJS.Timeout>();
  private closing = false;

  constructor(
    private readonly services: EmulatorServices,
    credentials: EmulatorCredentials,
    private readonly persister: StatePersister,
    private readonly rateLimiter: RateLimiter,
  ) {
    this.apiKeyDigest = digest(credentials.apiKey);
    this.oauthDigests = credentials.oauthTokens.map(digest);
    // Keys granted a Universal Broker role (the emulator's own key among them) work like the API key.
    this.grantedKeyDigests = services.universalBroker.access.keys().map(digest);
  }

  /** The `http.Server` request listener. */
  readonly listener = (request: IncomingMessage, response: ServerResponse): void => {
    this.handle(request, response).catch(() => {
      if (!response.headersSent && !response.destroyed) {
        send(response, errorAnswer(500, 'Internal emulator error', 'v1'), 'v1');
      }
    });
  };

  /** Cancels injected delays that have not elapsed (on close). */
  cancelDelays(): void {
    // A call still being carried out may reach its "after" delay later: it must not start one then.
    this.closing = true;
    this.delays.forEach((timer) => clearTimeout(timer));
    this.delays.clear();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const parsed = parseRequest(request);
    const requestId = randomUUID();
    response.setHeader(REQUEST_ID_HEADER, requestId);
    let fault: FiredFault | undefined;
    if (parsed.area !== 'admin') {
      response.once('finish', () => this.services.log.record({ method: parsed.method, path: parsed.path, status: response.statusCode, requestId }));
      fault = this.services.faults.take(parsed.method, parsed.path);
    }
    if (fault?.when === 'before' && (await this.applyFault(fault.respond, parsed, request, response, requestId)) === 'answered') {
      return;
    }
    const answer = await this.answer(parsed, request);
    if (fault?.when === 'after' && (await this.applyFault(fault.respond, parsed, request, response, requestId)) === 'answered') {
      return;
    }
    send(response, answer, parsed.area);
  }

  /** Carries out the call: auth, rate limit, route. */
  private async answer(parsed: ParsedRequest, request: IncomingMessage): Promise<Answer> {
    const key = this.authorisedKey(request.headers.authorization, parsed.area === 'admin');
    if (key === undefined) {
      return withHeaders(unauthorisedReply(flavorOf(parsed.area)));
    }
    if (parsed.area !== 'admin') {
      const verdict = this.rateLimiter.check(key, parsed.area);
      if (verdict.limited) {
        return this.tooManyRequests(parsed.area, verdict.retryAfterSeconds);
      }
    }
    return this.route(parsed, request, key);
  }

  private tooManyRequests(area: 'v1' | 'rest', retryAfterSeconds: number): Answer {
    const answer = errorAnswer(429, 'Too many requests, please try again later', area);
    if (this.services.behaviors.get('retry-after-header') === 'send') {
      answer.headers['retry-after'] = String(retryAfterSeconds);
    }
    return answer;
  }

  private async applyFault(
    fault: FaultResponse,
    parsed: ParsedRequest,
    request: IncomingMessage,
    response: ServerResponse,
    requestId: string,
  ): Promise<'answered' | 'continue'> {
    if ('drop' in fault) {
      response.removeAllListeners('finish');
      this.services.log.record({ method: parsed.method, path: parsed.path, status: 0, requestId });
      request.socket.destroy();
      return 'answered';
    }
    if ('delayMs' in fault) {
      if (this.closing) {
        return 'continue';
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => (this.delays.delete(timer), resolve()), fault.delayMs);
        this.delays.add(timer);
      });
      return 'continue';
    }
    const message = fault.status === 429 ? 'Too many requests, please try again later' : 'Injected fault';
    const answer = errorAnswer(fault.status, message, flavorOf(parsed.area));
    if (fault.retryAfterSeconds !== undefined) {
      answer.headers['retry-after'] = String(fault.retryAfterSeconds);
    }
    send(response, answer, parsed.area);
    return 'answered';
  }

  private async route(parsed: ParsedRequest, request: IncomingMessage, caller: string): Promise<Answer> {
    const routes = parsed.area === 'admin' ? ADMIN_ROUTES : SNYK_ROUTES;
    const match = matchRoute(routes, parsed.method, parsed.path);
    if (match.kind !== 'found') {
      const status = match.kind === 'wrong-method' ? 405 : 404;
      const message = match.kind === 'wrong-method' ? `${parsed.method} is not allowed here; use ${match.allowed.join(', ')}` : `No such path: ${parsed.path}`;
      return errorAnswer(status, message, flavorOf(parsed.area));
    }
    const flavor = match.route.errorFlavor ?? flavorOf(parsed.area);
    try {
      const body = await readJsonBody(request);
      this.checkRestRequest(parsed, request, body);
      const revisionBefore = this.revision();
      const reply = match.route.handle({ params: match.params, query: parsed.query, body, services: this.services, caller });
      if (this.revision() !== revisionBefore) {
        await this.persistOrFail();
      }
      return { status: reply.status, body: reply.body, headers: {} };
    } catch (error) {
      return error instanceof ApiError ? errorAnswer(error.status, error.message, flavor) : errorAnswer(500, 'Internal emulator error', flavor);
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

  /** Grows with every change to the classic or the Universal Broker model. */
  private revision(): number {
    return this.services.model.revision + this.services.universalBroker.revision;
  }

  private async persistOrFail(): Promise<void> {
    try {
      await this.persister.save();
    } catch {
      throw new ApiError(500, 'The emulator could not write its state file');
    }
  }

  /**
   * The credential the caller authenticated with (the rate limit counts per credential), or undefined. `token <key>`
   * takes the API key; `bearer <token>` (any case) takes an OAuth token or the API key. Under `api-key-auth: reject`
   * the API key works only for the emulator's own admin calls.
   */
  private authorisedKey(header: string | undefined, admin: boolean): string | undefined {
    const match = /^(token|bearer)\s+(\S+)\s*$/i.exec(header ?? '');
    if (match === null) {
      return undefined;
    }
    const scheme = (match[1] as string).toLowerCase();
    const presented = digest(match[2] as string);
    const apiKeyAllowed = admin || this.services.behaviors.get('api-key-auth') === 'accept';
    if (apiKeyAllowed && (timingSafeEqual(presented, this.apiKeyDigest) || this.grantedKeyDigests.some((known) => timingSafeEqual(presented, known)))) {
      return match[2];
    }
    const isOAuthToken = this.oauthDigests.some((known) => timingSafeEqual(presented, known));
    return isOAuthToken && (scheme === 'bearer' || admin) ? match[2] : undefined;
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

function errorAnswer(status: number, message: string, flavor: ErrorFlavor): Answer {
  return withHeaders(errorReply(status, message, flavor));
}

function withHeaders(reply: { status: number; body: unknown; headers: Record<string, string> }): Answer {
  return { status: reply.status, body: reply.body, headers: { ...reply.headers } };
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

function send(response: ServerResponse, answer: Answer, area: Area): void {
  if (answer.body === undefined) {
    response.writeHead(answer.status, answer.headers).end();
    return;
  }
  const text = JSON.stringify(answer.body);
  const contentType = area === 'rest' ? 'application/vnd.api+json' : 'application/json; charset=utf-8';
  response.writeHead(answer.status, { ...answer.headers, 'content-type': contentType, 'content-length': Buffer.byteLength(text) }).end(text);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
