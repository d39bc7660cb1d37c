import fc from 'fast-check';
import { isGovernmentApiUrl, isLoopbackHost, regionOfApiUrl, resolveApiUrl, SNYK_REGIONS, urlForMessage } from '../../src/snyk';

describe('resolveApiUrl', () => {
  it('defaults to SNYK-US-01', () => {
    expect(resolveApiUrl({})).toBe('https://api.snyk.io');
  });

  it.each(Object.entries(SNYK_REGIONS))('resolves %s to its API root', (region, endpoints) => {
    expect(resolveApiUrl({ region })).toBe(endpoints.apiUrl);
  });

  it('accepts a region in any case', () => {
    expect(resolveApiUrl({ region: 'snyk-eu-01' })).toBe('https://api.eu.snyk.io');
  });

  it('rejects an unknown region and lists the accepted ones', () => {
    expect(() => resolveApiUrl({ region: 'SNYK-MARS-01' })).toThrow(/Unknown Snyk region "SNYK-MARS-01".*SNYK-US-01, SNYK-US-02, SNYK-EU-01, SNYK-AU-01/);
  });

  it('lets an explicit URL win over the region and trims a trailing slash or /v1', () => {
    expect(resolveApiUrl({ region: 'SNYK-EU-01', apiUrl: 'https://snyk.example.com/' })).toBe('https://snyk.example.com');
    expect(resolveApiUrl({ apiUrl: 'https://api.eu.snyk.io/v1' })).toBe('https://api.eu.snyk.io');
    expect(resolveApiUrl({ apiUrl: 'https://proxy.example.com/snyk/rest/' })).toBe('https://proxy.example.com/snyk');
  });

  it('allows plain HTTP only for loopback hosts', () => {
    expect(resolveApiUrl({ apiUrl: 'http://127.0.0.1:8080' })).toBe('http://127.0.0.1:8080');
    expect(resolveApiUrl({ apiUrl: 'http://localhost:1234' })).toBe('http://localhost:1234');
    expect(resolveApiUrl({ apiUrl: 'http://[::1]:1234' })).toBe('http://[::1]:1234');
    expect(() => resolveApiUrl({ apiUrl: 'http://api.snyk.io' })).toThrow(/Refusing plain-HTTP.*use https/);
    expect(() => resolveApiUrl({ apiUrl: 'http://10.0.0.1' })).toThrow(/Refusing plain-HTTP/);
  });

  it('rejects malformed URLs, other schemes and embedded credentials without echoing them', () => {
    expect(() => resolveApiUrl({ apiUrl: 'api.snyk.io' })).toThrow(/Invalid Snyk API URL/);
    expect(() => resolveApiUrl({ apiUrl: 'ftp://api.snyk.io' })).toThrow(/scheme must be https/);
    expect(() => resolveApiUrl({ apiUrl: 'https://user:s3cret-pass@api.snyk.io' })).toThrow(/must not contain a user name or password/);
    let message = '';
    try {
      resolveApiUrl({ apiUrl: 'https://user:s3cret-pass@api.snyk.io' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain('s3cret-pass');
  });

  it('never echoes the user-info of a URL it cannot parse (issue 8: the port is out of range)', () => {
    const error = (() => {
      try {
        resolveApiUrl({ apiUrl: 'https://ci-bot:SECRET@api.eu.snyk.io:99999' });
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected an error');
    })();
    expect(error.message).toContain('Invalid Snyk API URL "https://[user-info removed]@api.eu.snyk.io:99999"');
    expect(error.message).not.toMatch(/SECRET|ci-bot/);
  });

  it('never echoes a password, query or fragment, whatever else is wrong with the URL', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9]{6,20}$/);
    const brokenTail = fc.constantFrom('api.eu.snyk.io:99999', 'api.snyk.io:-1', 'exa mple.com', 'api.snyk.io:port', '[::1', 'api.snyk.io/v1');
    const scheme = fc.constantFrom('https://', 'http://', 'ftp://', '');
    fc.assert(
      fc.property(scheme, secret, secret, brokenTail, (prefix, user, password, tail) => {
        const messages = [`${prefix}${user}:${password}@${tail}`, `${prefix}${tail}?token=${password}`, `${prefix}${tail}#${password}`].map((raw) => {
          try {
            resolveApiUrl({ apiUrl: raw });
            return '';
          } catch (caught) {
            return (caught as Error).message;
          }
        });
        return messages.every((message) => !message.includes(password));
      }),
    );
  });
});

describe('urlForMessage', () => {
  it('keeps the host and port and marks what it removed', () => {
    expect(urlForMessage('https://a:b@host.example:99999/path')).toBe('https://[user-info removed]@host.example:99999/path');
    expect(urlForMessage('https://host.example/x?k=v#frag')).toBe('https://host.example/x?[query removed]');
    expect(urlForMessage('https://host.example/x#frag')).toBe('https://host.example/x#[fragment removed]');
    expect(urlForMessage('https://bot:pa/ss@host.example')).toBe('https://[user-info removed]@host.example');
  });
});

describe('SNYK-GOV-01', () => {
  it('is Snyk for Government at api.snykgov.io, where API keys do not exist', () => {
    expect(resolveApiUrl({ region: 'SNYK-GOV-01' })).toBe('https://api.snykgov.io');
    expect(SNYK_REGIONS['SNYK-GOV-01'].apiKeys).toBe(false);
    expect(regionOfApiUrl('https://api.snykgov.io')).toBe('SNYK-GOV-01');
    expect(isGovernmentApiUrl('https://api.snykgov.io')).toBe(true);
    expect(isGovernmentApiUrl('https://proxy.api.snykgov.io/snyk')).toBe(true);
    expect(isGovernmentApiUrl('https://api.snyk.io')).toBe(false);
    expect(isGovernmentApiUrl('https://snykgov.io.example.com')).toBe(false);
  });
});

describe('SNYK_REGIONS', () => {
  it('names the broker server of each region', () => {
    expect(Object.fromEntries(Object.entries(SNYK_REGIONS).map(([region, endpoints]) => [region, endpoints.brokerServerUrl]))).toEqual({
      'SNYK-US-01': 'https://broker.snyk.io',
      'SNYK-US-02': 'https://broker.us.snyk.io',
      'SNYK-EU-01': 'https://broker.eu.snyk.io',
      'SNYK-AU-01': 'https://broker.au.snyk.io',
      'SNYK-GOV-01': 'https://broker.snykgov.io',
    });
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', 'app.localhost'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['api.snyk.io', '10.0.0.1', '128.0.0.1', 'localhost.example.com', '127.0.0.1.nip.io'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
