import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import * as der from './der';

/** A server certificate for one provider process; never written to disk. */
export interface ServerCertificate {
  /** DER bytes, printed base64 in the handshake line. */
  readonly der: Buffer;
  readonly certPem: string;
  readonly keyPem: string;
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

const HOST_NAME = 'localhost';
const CLOCK_SKEW_MS = 60_000;
const LIFETIME_MS = 365 * 24 * 3600_000;

/**
 * Builds an ECDSA P-256 self-signed certificate for AutoMTLS as go-plugin expects it: SAN DNS:localhost (Terraform
 * dials with ServerName "localhost" and trusts only this certificate), server and client auth, a CA flag (the same
 * certificate is its own root) and a validity window starting a minute ago to tolerate clock skew.
 */
export function createServerCertificate(now: Date = new Date()): ServerCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signatureAlgorithm = der.sequence(der.objectIdentifier(OID.ecdsaWithSha256));
  const name = der.sequence(
    der.set(der.sequence(der.objectIdentifier(OID.organization), der.utf8String('Terraform provider'))),
    der.set(der.sequence(der.objectIdentifier(OID.commonName), der.utf8String(HOST_NAME))),
  );
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const tbs = der.sequence(
    der.explicit(0, der.unsignedInteger(Buffer.from([2]))),
    der.unsignedInteger(serial),
    signatureAlgorithm,
    name,
    der.sequence(der.time(new Date(now.getTime() - CLOCK_SKEW_MS)), der.time(new Date(now.getTime() + LIFETIME_MS))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    der.explicit(3, der.sequence(...extensions())),
  );
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  const certificate = der.sequence(tbs, signatureAlgorithm, der.bitString(signature));
  return {
    der: certificate,
    certPem: toPem('CERTIFICATE', certificate),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function extensions(): Buffer[] {
  const extension = (oid: string, critical: boolean, value: Buffer) =>
    der.sequence(der.objectIdentifier(oid), ...(critical ? [der.booleanTrue()] : []), der.octetString(value));
  // keyUsage bits: digitalSignature (0), keyEncipherment (2), keyCertSign (5) -> 1010 0100, 2 unused bits.
  const keyUsage = der.tlv(0x03, Buffer.from([0x02, 0xa4]));
  return [
    extension(OID.keyUsage, true, keyUsage),
    extension(OID.extKeyUsage, false, der.sequence(der.objectIdentifier(OID.serverAuth), der.objectIdentifier(OID.clientAuth))),
    extension(OID.basicConstraints, true, der.sequence(der.booleanTrue())),
    extension(OID.subjectAltName, false, der.sequence(der.tlv(0x82, Buffer.from(HOST_NAME, 'ascii')))),
  ];
}

function toPem(label: string, body: Buffer): string {
  const lines = body.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
