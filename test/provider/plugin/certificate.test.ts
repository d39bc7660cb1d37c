import { X509Certificate } from 'node:crypto';
import { createServerCertificate } from '../../../src/provider/plugin';

describe('AutoMTLS server certificate', () => {
  const now = new Date('2031-05-04T03:02:01Z');
  const certificate = createServerCertificate(now);
  const parsed = new X509Certificate(certificate.der);

  test('node:crypto parses it and it verifies with its own key', () => {
    expect(parsed.verify(parsed.publicKey)).toBe(true);
    expect(new X509Certificate(certificate.certPem).fingerprint256).toBe(parsed.fingerprint256);
  });

  test('is for localhost with an ECDSA P-256 key', () => {
    expect(parsed.subjectAltName).toBe('DNS:localhost');
    expect(parsed.checkHost('localhost')).toBe('localhost');
    expect(parsed.publicKey.asymmetricKeyType).toBe('ec');
    expect(parsed.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  test('allows server auth and is its own CA', () => {
    expect(parsed.keyUsage).toContain('1.3.6.1.5.5.7.3.1');
    expect(parsed.ca).toBe(true);
  });

  test('is valid from a minute before now', () => {
    expect(new Date(parsed.validFrom).getTime()).toBe(now.getTime() - 60_000);
    expect(new Date(parsed.validTo).getTime()).toBeGreaterThan(now.getTime());
  });

  test('each process gets a fresh key', () => {
    expect(createServerCertificate(now).keyPem).not.toBe(certificate.keyPem);
  });
});
