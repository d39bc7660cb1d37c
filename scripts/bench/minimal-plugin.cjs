// The floor of the mechanism (see launch.mjs): the least a Node program must do to answer Terraform's first RPC under
// AutoMTLS. No project code, no dependency, no checks: a fresh ECDSA P-256 key and a self-signed certificate for
// DNS:localhost, a Unix socket in a temp dir, the go-plugin handshake line, HTTP/2 over mutual TLS, and an empty message
// with grpc-status 0 for ANY call. A benchmark fixture, not a provider. Exits on SIGTERM (and after a Shutdown call).
//
// Measured choices (Node 20 and 22): CommonJS, because an ES module costs about 7 ms more (the ESM loader); the socket
// is opened (paused) and the line printed before node:http2 and the TLS context are built, so that their ~15 ms
// overlap with the client reading the line and dialing; `ca: []`, because without it Node builds its root store (about
// 30 ms). Measured no faster: Ed25519 instead of P-256 (Go's crypto/tls and @grpc/grpc-js both accept it), TLS 1.2
// instead of 1.3, and building the TLS server before the line. A listener on process.binding('pipe_wrap'), which
// skips the node:cluster load of net.Server.listen, saved 1-2 ms at best: not worth a deprecated internal here.
'use strict';
const { Buffer } = require('node:buffer');
const { generateKeyPairSync, sign } = require('node:crypto');
const { mkdtempSync, rmSync, writeSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { setImmediate } = require('node:timers');

/** A DER tag-length-value element (lengths below 64 KiB, enough for a certificate). */
function tlv(tag, ...content) {
  const body = Buffer.concat(content);
  const length = body.length < 0x80 ? [body.length] : body.length < 0x100 ? [0x81, body.length] : [0x82, body.length >> 8, body.length & 0xff];
  return Buffer.concat([Buffer.from([tag, ...length]), body]);
}

const sequence = (...items) => tlv(0x30, ...items);
const bytes = (...values) => Buffer.from(values);

// What never changes: ecdsa-with-SHA256, CN=localhost, valid from 2000 to 2049 (UTCTime), SAN DNS:localhost.
const ECDSA_WITH_SHA256 = sequence(tlv(0x06, bytes(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02)));
const NAME = sequence(tlv(0x31, sequence(tlv(0x06, bytes(0x55, 0x04, 0x03)), tlv(0x0c, Buffer.from('localhost')))));
const VALIDITY = sequence(tlv(0x17, Buffer.from('000101000000Z')), tlv(0x17, Buffer.from('491231235959Z')));
const SUBJECT_ALT_NAME = sequence(tlv(0x06, bytes(0x55, 0x1d, 0x11)), tlv(0x04, sequence(tlv(0x82, Buffer.from('localhost')))));

/** A self-signed X.509 v3 certificate (serial 1) for a fresh P-256 key: its DER and PEM, and the key's PEM. */
function selfSignedCertificate() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const version3 = tlv(0xa0, tlv(0x02, bytes(2)));
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const tbs = sequence(version3, tlv(0x02, bytes(1)), ECDSA_WITH_SHA256, NAME, VALIDITY, NAME, spki, tlv(0xa3, sequence(SUBJECT_ALT_NAME)));
  const der = sequence(tbs, ECDSA_WITH_SHA256, tlv(0x03, bytes(0), sign('sha256', tbs, privateKey)));
  const certPem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
  return { der, certPem, keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) };
}

/** Any call: once the request is read, an empty message (a 5-byte frame header of zeros) and grpc-status 0. */
function answerEmpty(stream, headers) {
  stream.on('error', () => {});
  stream.on('data', () => {});
  stream.on('end', () => {
    if (stream.destroyed) return;
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
    stream.end(bytes(0, 0, 0, 0, 0));
  });
  // go-plugin's Shutdown: without an exit, terraform would wait 2 s and then kill the process.
  if (headers[':path'] === '/plugin.GRPCController/Shutdown') stream.on('close', exit);
}

function exit() {
  rmSync(socketDir, { recursive: true, force: true });
  process.exit(0);
}

/** The HTTP/2 server over mutual TLS, built on the first connection (or right after the line is printed). */
function secureServer() {
  const { createSecureServer } = require('node:http2');
  const server = createSecureServer({ key: certificate.keyPem, cert: certificate.certPem, ca: [], requestCert: true, rejectUnauthorized: false });
  server.on('stream', answerEmpty);
  return server;
}

const certificate = selfSignedCertificate();
const socketDir = mkdtempSync(join(tmpdir(), 'minimal-plugin-'));
const socketPath = join(socketDir, 'plugin.sock');
let server;
const listener = createServer({ pauseOnConnect: true });
listener.on('connection', (socket) => (server ??= secureServer()).emit('connection', socket));
listener.listen(socketPath, () => {
  writeSync(1, `1|6|unix|${socketPath}|grpc|${certificate.der.toString('base64').replace(/=+$/, '')}\n`);
  setImmediate(() => (server ??= secureServer()));
});
process.on('SIGTERM', exit);
