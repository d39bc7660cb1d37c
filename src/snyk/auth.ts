/**
 * How a request proves who it is. Snyk takes an API key (personal or service-account key) as
 * `Authorization: token <key>`, and an OAuth 2.0 access token (a service account of type `oauth_client_secret` or
 * `oauth_private_key_jwt`) as `Authorization: bearer <access_token>`.
 */
export type AuthScheme = 'token' | 'bearer';

/** A secret and the scheme it is sent with. */
export interface SnykCredential {
  readonly scheme: AuthScheme;
  readonly value: string;
}

/** The `Authorization` header value for a credential. */
export function authorizationHeader(credential: SnykCredential): string {
  return `${credential.scheme} ${credential.value}`;
}

/** For people: which kind of credential, and the header it travels in (never the secret). */
export function describeAuthScheme(scheme: AuthScheme): string {
  return scheme === 'bearer' ? 'OAuth access token (Authorization: bearer)' : 'API key (Authorization: token)';
}

/** Exactly one of an API key and an OAuth access token, as a credential; throws when neither or both are given. */
export function credentialOf(options: { token?: string; oauthToken?: string }): SnykCredential {
  const token = options.token?.trim();
  const oauthToken = options.oauthToken?.trim();
  if (token && oauthToken) {
    throw new Error('Give either a Snyk API key (token) or an OAuth access token (oauthToken), not both');
  }
  if (oauthToken) {
    return { scheme: 'bearer', value: oauthToken };
  }
  if (token) {
    return { scheme: 'token', value: token };
  }
  throw new Error('A Snyk API token is required (set SNYK_TOKEN, or SNYK_OAUTH_TOKEN for an OAuth access token)');
}

/** The `SnykClient` option that carries a credential: the inverse of `credentialOf`. */
export function credentialOption(credential: SnykCredential): { token: string } | { oauthToken: string } {
  return credential.scheme === 'bearer' ? { oauthToken: credential.value } : { token: credential.value };
}
