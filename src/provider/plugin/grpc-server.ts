import type { Http2Session, IncomingHttpHeaders, ServerHttp2Stream, Settings as Http2Settings } from 'node:http2';
import * as net from 'node:net';
import type { TLSSocket } from 'node:tls';

/** The gRPC status codes this server sends (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). */
export enum GrpcStatus {
  OK = 0,
  INVALID_ARGUMENT = 3,
  RESOURCE_EXHAUSTED = 8,
  UNIMPLEMENTED = 12,
  INTERNAL = 13,
}

/** Thrown by a method (or the server) to answer with a status other than INTERNAL. */
export class GrpcStatusError extends Error {
  constructor(
    readonly code: GrpcStatus,
    message: string,
  ) {
    super(message);
    this.name = 'GrpcStatusError';
  }
}

/** One unary method: how its messages are encoded and what it does. */
export interface UnaryMethod {
  decodeRequest(bytes: Uint8Array): unknown;
  encodeResponse(response: unknown): Uint8Array;
  handle(request: unknown): Promise<unknown>;
}

/**
 * Finds the method for a `:path` such as `/tfplugin6.Provider/GetProviderSchema`; undefined answers UNIMPLEMENTED.
 * May be asynchronous, so that message types can be built on the first call rather than at launch.
 */
export type MethodLookup = (path: string) => UnaryMethod | undefined | Promise<UnaryMethod | undefined>;

/** PEM material for mutual TLS: the server's own certificate and key, and the only CA its clients may present. */
export interface MutualTls {
  readonly certPem: string;
  readonly keyPem: string;
  readonly clientCaPem: string;
}

export interface GrpcServerOptions {
  readonly methods: MethodLookup;
  /** Mutual TLS; plaintext HTTP/2 when absent. */
  readonly tls?: MutualTls;
  /** Largest request message accepted. @default 256 MiB */
  readonly maxMessageBytes?: number;
  /** Told about failed calls and refused connections; must not throw. */
  readonly onError?: (event: GrpcServerErrorEvent) => void;
}

export interface GrpcServerErrorEvent {
  readonly path?: string;
  readonly code?: GrpcStatus;
  readonly message: string;
}

export interface GrpcServer {
  /** Listens on a Unix socket path (or a `host:port` string is not supported: Terraform uses Unix sockets here). */
  listen(socketPath: string): Promise<void>;
  /** Stops accepting connections and lets in-flight calls finish; resolves when every connection is closed. */
  close(): Promise<void>;
}

const DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
const FRAME_HEADER_BYTES = 5;
// Large windows so that multi-megabyte schemas and states are not slowed by WINDOW_UPDATE round trips.
const STREAM_WINDOW_BYTES = 4 * 1024 * 1024;
const SESSION_WINDOW_BYTES = 64 * 1024 * 1024;
// Node's default (10 MB) counts queued outgoing data and would refuse new streams while a large answer is sent.
const MAX_SESSION_MEMORY_MB = 1024;

/**
 * A small unary-only gRPC server over node:http2: enough for Terraform's plugin protocol without loading a gRPC
 * library at every provider launch. Requests are read whole (one length-prefixed, uncompressed message), answered
 * with the encoded response and `grpc-status` trailers; failures become trailers-only answers.
 *
 * `listen` only opens the socket: the TLS context and the HTTP/2 server (about 10-15 ms of OpenSSL and module set-up)
 * are built right after, while Terraform reads the handshake line and dials. Connections accepted before they are
 * ready wait, paused, in the kernel's and the listener's hands; none is lost.
 */
export function createGrpcServer(options: GrpcServerOptions): GrpcServer {
  const report = options.onError ?? (() => {});
  const sessions = new Set<Http2Session>();
  const listener = net.createServer({ pauseOnConnect: true });
  let http2Server: Promise<net.Server> | undefined;
  const ready = () => (http2Server ??= import('node:http2').then((http2) => buildHttp2Server(http2, options, sessions)));
  listener.on('connection', (socket) => {
    ready().then(
      (server) => {
        server.emit('connection', socket);
        // A TLS socket takes over the paused handle and reads by itself; a plaintext HTTP/2 session needs a nudge.
        if (!options.tls) socket.resume();
      },
      (error: Error) => {
        report({ message: `cannot serve: ${error.message}` });
        socket.destroy();
      },
    );
  });

  return {
    listen: (socketPath) =>
      new Promise((resolve, reject) => {
        listener.once('error', reject);
        listener.listen(socketPath, () => {
          listener.off('error', reject);
          resolve();
          setImmediate(() => ready().catch(() => {}));
        });
      }),
    close: () =>
      new Promise((resolve) => {
        listener.close();
        if (sessions.size === 0) return resolve();
        for (const session of sessions) {
          session.once('close', () => sessions.size === 0 && resolve());
          session.close();
        }
      }),
  };
}

function buildHttp2Server(http2: typeof import('node:http2'), options: GrpcServerOptions, sessions: Set<Http2Session>): net.Server {
  const settings: Http2Settings = { initialWindowSize: STREAM_WINDOW_BYTES };
  const trustedClient = options.tls ? certificateDer(options.tls.clientCaPem) : undefined;
  const server = options.tls
    ? http2.createSecureServer({
        key: options.tls.keyPem,
        cert: options.tls.certPem,
        // No CA store at all: with `ca` (or without it) Node builds a store of its ~140 bundled root certificates,
        // 15-30 ms of CPU at every launch. The client's certificate is checked against the announced one instead
        // (pinned, byte for byte: stricter than accepting any certificate it signed), before any call is read.
        ca: [],
        requestCert: true,
        rejectUnauthorized: false,
        ALPNProtocols: ['h2'],
        minVersion: 'TLSv1.2',
        settings,
        maxSessionMemory: MAX_SESSION_MEMORY_MB,
      })
    : http2.createServer({ settings, maxSessionMemory: MAX_SESSION_MEMORY_MB });
  const report = options.onError ?? (() => {});
  const context: CallContext = { methods: options.methods, maxMessageBytes: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES, report };
  server.on('session', (session: Http2Session) => {
    if (trustedClient && !presentsCertificate(session, trustedClient)) {
      report({ message: 'TLS client refused: its certificate is not the one Terraform announced (PLUGIN_CLIENT_CERT)' });
      session.destroy();
      return;
    }
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', (error) => report({ message: `connection error: ${error.message}` }));
    session.on('connect', () => session.setLocalWindowSize(SESSION_WINDOW_BYTES));
  });
  server.on('tlsClientError', (error: Error) => report({ message: `TLS client refused: ${error.message}` }));
  server.on('stream', (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => {
    // A refused session is destroyed before it reads a frame; this only guards against that ever changing.
    if (trustedClient && !sessions.has(stream.session as Http2Session)) return void stream.session?.destroy();
    serveCall(stream, headers, context);
  });
  return server;
}

/** The DER bytes of the first certificate in a PEM text. */
function certificateDer(pem: string): Buffer {
  const match = /-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/.exec(pem);
  if (!match) throw new Error('the client certificate (PLUGIN_CLIENT_CERT) is not a PEM certificate');
  return Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
}

/** True when the TLS peer of `session` presented exactly `expected` (the TLS handshake proved it holds its key). */
function presentsCertificate(session: Http2Session, expected: Buffer): boolean {
  const socket = session.socket as TLSSocket;
  const presented = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate(true) : undefined;
  return presented?.raw !== undefined && presented.raw.equals(expected);
}

interface CallContext {
  readonly methods: MethodLookup;
  readonly maxMessageBytes: number;
  readonly report: (event: GrpcServerErrorEvent) => void;
}

function serveCall(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, context: CallContext): void {
  const path = headers[':path'] ?? '';
  stream.on('error', (error) => context.report({ path, message: `stream error: ${error.message}` }));
  const refuse = (code: GrpcStatus, message: string) => {
    context.report({ path, code, message });
    stream.resume();
    answerTrailersOnly(stream, code, message);
  };
  if (headers[':method'] !== 'POST' || !String(headers['content-type'] ?? '').startsWith('application/grpc')) {
    return refuse(GrpcStatus.INTERNAL, 'not a gRPC request (expected POST with content-type application/grpc)');
  }
  const request = readRequestMessage(stream, context.maxMessageBytes);
  request.catch(() => {}); // observed below; an unknown method answers before the body is read
  Promise.resolve(path)
    .then(context.methods)
    .then(async (method) => {
      if (!method) throw new GrpcStatusError(GrpcStatus.UNIMPLEMENTED, `unknown method ${path}`);
      return method.encodeResponse(await method.handle(method.decodeRequest(await request)));
    })
    .then(
      (responseBytes) => answer(stream, responseBytes),
      (error: unknown) => {
        const code = error instanceof GrpcStatusError ? error.code : GrpcStatus.INTERNAL;
        refuse(code, error instanceof Error ? error.message : String(error));
      },
    );
}

/** Reads the stream to its end and returns the one message it carries. */
function readRequestMessage(stream: ServerHttp2Stream, maxMessageBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      chunks.push(chunk);
      if (received <= FRAME_HEADER_BYTES + maxMessageBytes) return;
      stream.off('data', onData);
      stream.resume();
      reject(new GrpcStatusError(GrpcStatus.RESOURCE_EXHAUSTED, `request message larger than ${maxMessageBytes} bytes`));
    };
    stream.on('data', onData);
    stream.once('end', () => {
      try {
        resolve(unframe(Buffer.concat(chunks, received), maxMessageBytes));
      } catch (error) {
        reject(error);
      }
    });
    stream.once('aborted', () => reject(new Error('call cancelled by the client')));
  });
}

/** Splits a gRPC length-prefixed message: compressed flag (1 byte), length (4 bytes, big-endian), message. */
function unframe(body: Buffer, maxMessageBytes: number): Buffer {
  if (body.length < FRAME_HEADER_BYTES) throw new GrpcStatusError(GrpcStatus.INTERNAL, 'request carries no message');
  if (body[0] !== 0) throw new GrpcStatusError(GrpcStatus.UNIMPLEMENTED, 'compressed messages are not supported');
  const length = body.readUInt32BE(1);
  if (length > maxMessageBytes) throw new GrpcStatusError(GrpcStatus.RESOURCE_EXHAUSTED, `request message larger than ${maxMessageBytes} bytes`);
  if (body.length !== FRAME_HEADER_BYTES + length) throw new GrpcStatusError(GrpcStatus.INTERNAL, 'a unary request must carry exactly one whole message');
  return body.subarray(FRAME_HEADER_BYTES);
}

function answer(stream: ServerHttp2Stream, message: Uint8Array): void {
  if (stream.destroyed || stream.closed) return;
  stream.respond(RESPONSE_HEADERS, { waitForTrailers: true });
  stream.once('wantTrailers', () => stream.sendTrailers(OK_TRAILERS));
  // One write (one trip through the stream's write path) for the frame header and the message.
  stream.end(frame(message));
}

const RESPONSE_HEADERS = { ':status': 200, 'content-type': 'application/grpc' } as const;
const OK_TRAILERS = { 'grpc-status': String(GrpcStatus.OK) } as const;

/** A gRPC length-prefixed message: not compressed (0), the length (4 bytes, big-endian), the message. */
function frame(message: Uint8Array): Buffer {
  const framed = Buffer.allocUnsafe(FRAME_HEADER_BYTES + message.length);
  framed[0] = 0;
  framed.writeUInt32BE(message.length, 1);
  framed.set(message, FRAME_HEADER_BYTES);
  return framed;
}

function answerTrailersOnly(stream: ServerHttp2Stream, code: GrpcStatus, message: string): void {
  if (stream.destroyed || stream.closed || stream.headersSent) return;
  stream.respond(
    { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': String(code), 'grpc-message': percentEncode(message) },
    { endStream: true },
  );
}

/** gRPC's grpc-message encoding: UTF-8 bytes outside printable ASCII, and '%' itself, as %XX. */
export function percentEncode(message: string): string {
  let encoded = '';
  for (const byte of Buffer.from(message, 'utf8')) {
    encoded += byte >= 0x20 && byte <= 0x7e && byte !== 0x25 ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}
