import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, rmSync } from 'node:fs';
import * as http2 from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGrpcServer, createServerCertificate, GrpcServer, percentEncode, ServerCertificate, UnaryMethod } from '../../../src/provider/plugin';

/** Methods over raw bytes, so that the test sees exactly what travels. */
const bytesMethod = (handle: (request: Buffer) => Promise<Buffer>): UnaryMethod => ({
  decodeRequest: (bytes) => Buffer.from(bytes),
  encodeResponse: (response) => response as Buffer,
  handle: (request) => handle(request as Buffer),
});

interface Barrier {
  arrive(): Promise<void>;
}

/** Resolves every arrival once `count` callers are waiting at the same time: proof that calls run concurrently. */
function barrier(count: number): Barrier {
  const waiting: (() => void)[] = [];
  return {
    arrive: () =>
      new Promise((resolve) => {
        waiting.push(resolve);
        if (waiting.length === count) waiting.forEach((release) => release());
      }),
  };
}

const CONCURRENT_CALLS = 40;
const together = barrier(CONCURRENT_CALLS);

let echoes = 0;
const methods: Record<string, UnaryMethod> = {
  '/test.Echo/Echo': bytesMethod(async (request) => {
    echoes += 1;
    return request;
  }),
  '/test.Echo/Fail': bytesMethod(async () => {
    throw new Error('the API said 100% "nein" — ünïcode');
  }),
  '/test.Echo/Together': bytesMethod(async (request) => {
    await together.arrive();
    return Buffer.concat([Buffer.from('ok '), request]);
  }),
};

const identity = (value: Buffer) => value;

function unary(client: grpc.Client, path: string, request: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    client.makeUnaryRequest(path, identity, identity, request, (error, response) => (error ? reject(error) : resolve(response!))),
  );
}

const CLIENT_OPTIONS = {
  'grpc.ssl_target_name_override': 'localhost',
  'grpc.default_authority': 'localhost',
  'grpc.max_receive_message_length': -1,
  'grpc.max_send_message_length': -1,
};

describe('gRPC server over node:http2', () => {
  let dir: string;
  let socketPath: string;
  let server: GrpcServer;
  let serverCertificate: ServerCertificate;
  let clientCertificate: ServerCertificate;
  const clients: grpc.Client[] = [];

  const tlsClient = (certificate: ServerCertificate = clientCertificate) => {
    const credentials = grpc.credentials.createSsl(Buffer.from(serverCertificate.certPem), Buffer.from(certificate.keyPem), Buffer.from(certificate.certPem));
    const client = new grpc.Client(`unix://${socketPath}`, credentials, CLIENT_OPTIONS);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'grpc-server-'));
    socketPath = join(dir, 'plugin.sock');
    serverCertificate = createServerCertificate();
    clientCertificate = createServerCertificate();
    server = createGrpcServer({
      methods: (path) => methods[path],
      tls: { certPem: serverCertificate.certPem, keyPem: serverCertificate.keyPem, clientCaPem: clientCertificate.certPem },
    });
    await server.listen(socketPath);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a grpc-js client calls a method over mutual TLS', async () => {
    await expect(unary(tlsClient(), '/test.Echo/Echo', Buffer.from('hello'))).resolves.toEqual(Buffer.from('hello'));
  });

  test('an empty message is a message too', async () => {
    await expect(unary(tlsClient(), '/test.Echo/Echo', Buffer.alloc(0))).resolves.toEqual(Buffer.alloc(0));
  });

  test('a client whose certificate is not the announced one is refused before any method runs', async () => {
    const before = echoes;
    await expect(unary(tlsClient(createServerCertificate()), '/test.Echo/Echo', Buffer.from('x'))).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    expect(echoes).toBe(before);
  });

  test('a client that presents no certificate is refused before any method runs', async () => {
    const before = echoes;
    const client = new grpc.Client(`unix://${socketPath}`, grpc.credentials.createSsl(Buffer.from(serverCertificate.certPem)), CLIENT_OPTIONS);
    clients.push(client);
    await expect(unary(client, '/test.Echo/Echo', Buffer.from('x'))).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    expect(echoes).toBe(before);
  });

  test('an unknown method answers UNIMPLEMENTED', async () => {
    await expect(unary(tlsClient(), '/test.Echo/Nope', Buffer.from('x'))).rejects.toMatchObject({
      code: grpc.status.UNIMPLEMENTED,
      details: 'unknown method /test.Echo/Nope',
    });
  });

  test('a failing handler answers INTERNAL with its message, percent-encoded on the wire', async () => {
    await expect(unary(tlsClient(), '/test.Echo/Fail', Buffer.from('x'))).rejects.toMatchObject({
      code: grpc.status.INTERNAL,
      details: 'the API said 100% "nein" — ünïcode',
    });
  });

  test('calls on one connection run concurrently', async () => {
    const client = tlsClient();
    const requests = Array.from({ length: CONCURRENT_CALLS }, (_, index) => unary(client, '/test.Echo/Together', Buffer.from(String(index))));
    const responses = await Promise.all(requests);
    expect(responses.map(String)).toEqual(Array.from({ length: CONCURRENT_CALLS }, (_, index) => `ok ${index}`));
  });

  test('a 20 MB message travels both ways intact', async () => {
    const large = Buffer.alloc(20 * 1024 * 1024);
    for (let offset = 0; offset < large.length; offset += 4) large.writeUInt32LE(offset, offset);
    const response = await unary(tlsClient(), '/test.Echo/Echo', large);
    expect(response.length).toBe(large.length);
    expect(response.equals(large)).toBe(true);
  });
});

describe('gRPC server framing details (plaintext HTTP/2)', () => {
  let dir: string;
  let socketPath: string;
  let server: GrpcServer;
  let session: http2.ClientHttp2Session;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'grpc-server-plain-'));
    socketPath = join(dir, 'plugin.sock');
    server = createGrpcServer({ methods: (path) => methods[path], maxMessageBytes: 1024 });
    await server.listen(socketPath);
    session = http2.connect('http://localhost', { path: socketPath } as http2.SecureClientSessionOptions);
  });

  afterAll(async () => {
    session.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  interface RawAnswer {
    headers: http2.IncomingHttpHeaders;
    trailers: http2.IncomingHttpHeaders;
    body: Buffer;
  }

  function rawCall(path: string, body: Buffer, contentType = 'application/grpc'): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const stream = session.request({ ':method': 'POST', ':path': path, 'content-type': contentType, te: 'trailers' });
      const answer: RawAnswer = { headers: {}, trailers: {}, body: Buffer.alloc(0) };
      const chunks: Buffer[] = [];
      stream.on('response', (headers) => (answer.headers = headers));
      stream.on('trailers', (trailers) => (answer.trailers = trailers));
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => resolve({ ...answer, body: Buffer.concat(chunks) }));
      stream.on('error', reject);
      stream.end(body);
    });
  }

  const frame = (message: Buffer, compressed = 0) => {
    const prefix = Buffer.alloc(5);
    prefix[0] = compressed;
    prefix.writeUInt32BE(message.length, 1);
    return Buffer.concat([prefix, message]);
  };

  test('answers headers, one length-prefixed message, then grpc-status 0 trailers', async () => {
    const answer = await rawCall('/test.Echo/Echo', frame(Buffer.from('abc')));
    expect(answer.headers[':status']).toBe(200);
    expect(answer.headers['content-type']).toBe('application/grpc');
    expect(answer.body).toEqual(frame(Buffer.from('abc')));
    expect(answer.trailers['grpc-status']).toBe('0');
  });

  test('refuses a compressed message with UNIMPLEMENTED, in a trailers-only answer', async () => {
    const answer = await rawCall('/test.Echo/Echo', frame(Buffer.from('abc'), 1));
    expect(answer.headers['grpc-status']).toBe('12');
    expect(answer.headers['grpc-message']).toBe('compressed messages are not supported');
    expect(answer.body.length).toBe(0);
  });

  test('refuses a message larger than the limit with RESOURCE_EXHAUSTED', async () => {
    const answer = await rawCall('/test.Echo/Echo', frame(Buffer.alloc(2048)));
    expect(answer.headers['grpc-status']).toBe('8');
  });

  test('refuses a truncated message and a non-gRPC request', async () => {
    expect((await rawCall('/test.Echo/Echo', frame(Buffer.from('abc')).subarray(0, 6))).headers['grpc-status']).toBe('13');
    expect((await rawCall('/test.Echo/Echo', frame(Buffer.from('abc')), 'application/json')).headers['grpc-status']).toBe('13');
  });
});

describe('percentEncode', () => {
  test('keeps printable ASCII, encodes %, control characters and UTF-8 bytes', () => {
    expect(percentEncode('a b:c')).toBe('a b:c');
    expect(percentEncode('100%\n')).toBe('100%25%0A');
    expect(percentEncode('ü')).toBe('%C3%BC');
  });
});
