/** The Snyk regions (data residency locations) this client knows by name. */
export type SnykRegion = 'SNYK-US-01' | 'SNYK-US-02' | 'SNYK-EU-01' | 'SNYK-AU-01' | 'SNYK-GOV-01';

/** Where one Snyk region lives. */
export interface SnykRegionEndpoints {
  /** API root serving `/v1` and `/rest`. */
  readonly apiUrl: string;
  /** Broker server the region's broker clients connect to (`BROKER_SERVER_URL`). */
  readonly brokerServerUrl: string;
  /** The web UI. */
  readonly appUrl: string;
  /** False where Snyk issues no API keys (`Authorization: token`), only OAuth access tokens (`Authorization: bearer`). */
  readonly apiKeys: boolean;
}

/**
 * The region table, from Snyk's documentation. SNYK-GOV-01's API host is documented; its broker server and web UI
 * follow the other regions' pattern but no Snyk page lists them.
 */
export const SNYK_REGIONS: Record<SnykRegion, SnykRegionEndpoints> = {
  'SNYK-US-01': { apiUrl: 'https://api.snyk.io', brokerServerUrl: 'https://broker.snyk.io', appUrl: 'https://app.snyk.io', apiKeys: true },
  'SNYK-US-02': { apiUrl: 'https://api.us.snyk.io', brokerServerUrl: 'https://broker.us.snyk.io', appUrl: 'https://app.us.snyk.io', apiKeys: true },
  'SNYK-EU-01': { apiUrl: 'https://api.eu.snyk.io', brokerServerUrl: 'https://broker.eu.snyk.io', appUrl: 'https://app.eu.snyk.io', apiKeys: true },
  'SNYK-AU-01': { apiUrl: 'https://api.au.snyk.io', brokerServerUrl: 'https://broker.au.snyk.io', appUrl: 'https://app.au.snyk.io', apiKeys: true },
  'SNYK-GOV-01': { apiUrl: 'https://api.snykgov.io', brokerServerUrl: 'https://broker.snykgov.io', appUrl: 'https://app.snykgov.io', apiKeys: false },
};

/** The region used when neither a region nor an API URL is given. */
export const DEFAULT_SNYK_REGION: SnykRegion = 'SNYK-US-01';

/** True when `value` names a known region (exact spelling). */
export function isSnykRegion(value: string): value is SnykRegion {
  return Object.prototype.hasOwnProperty.call(SNYK_REGIONS, value);
}

/** The region whose API root this is, if any (an emulator or a proxy has none). */
export function regionOfApiUrl(apiUrl: string): SnykRegion | undefined {
  return (Object.keys(SNYK_REGIONS) as SnykRegion[]).find((region) => SNYK_REGIONS[region].apiUrl === apiUrl);
}

/** True for an API root on Snyk for Government (`*.snykgov.io`), where API keys do not exist. */
export function isGovernmentApiUrl(apiUrl: string): boolean {
  try {
    return /(^|\.)snykgov\.io$/i.test(new URL(apiUrl).hostname);
  } catch {
    return false;
  }
}

/**
 * The API root (without `/v1`) to talk to. An explicit `apiUrl` wins over `region`; with neither, SNYK-US-01.
 * Throws a clear error for an unknown region, a malformed URL, or a plain-HTTP URL whose host is not loopback
 * (the API key travels in a header, so it must not cross a network unencrypted). No error repeats the URL's
 * user-info, query or fragment: they may hold a secret.
 */
export function resolveApiUrl(opts: { region?: string; apiUrl?: string }): string {
  const explicit = opts.apiUrl?.trim();
  if (explicit) {
    return normaliseApiUrl(explicit);
  }
  const region = opts.region?.trim().toUpperCase() || DEFAULT_SNYK_REGION;
  if (!isSnykRegion(region)) {
    throw new Error(`Unknown Snyk region "${opts.region}". Accepted: ${Object.keys(SNYK_REGIONS).join(', ')}; or give an explicit API URL.`);
  }
  return SNYK_REGIONS[region].apiUrl;
}

/** True for `localhost`, `127.0.0.0/8` and `::1`: addresses that never leave the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * A URL as it may appear in an error: user-info, query and fragment replaced by markers. Works on text that is not
 * a valid URL too (`new URL` refuses `https://user:pass@host:99999`, and its error must not echo the password either).
 */
export function urlForMessage(raw: string): string {
  return raw
    .trim()
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/is, (_match, scheme: string | undefined) => `${scheme ?? ''}[user-info removed]@`)
    .replace(/[?#].*$/s, (rest) => (rest.startsWith('?') ? '?[query removed]' : '#[fragment removed]'));
}

function normaliseApiUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`Invalid Snyk API URL "${urlForMessage(raw)}": expected an absolute URL such as https://api.eu.snyk.io (host and an optional port 1-65535)`);
  }
  if (url.username || url.password) {
    throw new Error('Invalid Snyk API URL: it must not contain a user name or password; pass the API key as the token');
  }
  if (url.search || url.hash) {
    throw new Error(`Invalid Snyk API URL "${url.origin}${url.pathname}": it must not contain a query string or fragment`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`Invalid Snyk API URL "${url.protocol}//${url.host}": the scheme must be https`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new Error(`Refusing plain-HTTP Snyk API URL "${url.origin}": use https:// (http is only allowed for loopback hosts such as 127.0.0.1)`);
  }
  // The root serves /v1 and /rest; accept a URL that already ends in one of them.
  const path = url.pathname.replace(/\/+$/, '').replace(/\/(v1|rest)$/, '');
  return `${url.origin}${path}`;
}
