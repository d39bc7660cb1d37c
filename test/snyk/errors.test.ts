import { parseErrorBody, SnykApiError } from '../../src/snyk';
import { errorFromResponse } from '../../src/snyk/errors';

describe('parseErrorBody', () => {
  it('reads the v1 format, preferring the x-error-reference header', () => {
    expect(parseErrorBody({ code: 404, message: 'Org not found', error: 'Not Found' }, 'ref-1')).toEqual({ snykMessage: 'Org not found', errorRef: 'ref-1' });
  });

  it('reads the org-creation format with errorRef in the body', () => {
    expect(parseErrorBody({ message: 'Please provide a new organization name', errorRef: 'ref-2' })).toEqual({
      snykMessage: 'Please provide a new organization name',
      errorRef: 'ref-2',
    });
  });

  it('reads a JSON:API error document', () => {
    const body = { jsonapi: { version: '1.0' }, errors: [{ id: 'ref-3', status: '404', title: 'Not Found', detail: 'Org abc not found' }] };
    expect(parseErrorBody(body)).toEqual({ snykMessage: 'Org abc not found', errorRef: 'ref-3' });
  });

  it('falls back to the error field, then to a text body, and copes with nothing', () => {
    expect(parseErrorBody({ code: 401, error: 'Not authorised' }).snykMessage).toBe('Not authorised');
    expect(parseErrorBody('<html>Bad gateway</html>').snykMessage).toBe('<html>Bad gateway</html>');
    expect(parseErrorBody(undefined)).toEqual({ snykMessage: undefined, errorRef: undefined });
  });
});

describe('secrets echoed in an error body', () => {
  const failure = (message: string, secret: string) =>
    errorFromResponse({ method: 'PUT', path: '/v1/org/o/integrations/i', status: 400, body: { message }, retryable: false, secrets: [secret] }).message;

  it('removes a secret cut by the 500-character limit, so no part of it is left', () => {
    const secret = 'cut-secret-0123456789abcdef';
    const message = failure(`${'x'.repeat(490)}${secret}`, secret);
    expect(message).not.toContain('cut-secr');
  });

  it('removes a secret holding whitespace and one written escaped in a JSON echo', () => {
    expect(failure('bad password "two  spaces\ttab"', 'two  spaces\ttab')).not.toContain('spaces');
    const quoted = 'qu"zz\\yy';
    expect(failure(`cannot handle ${JSON.stringify({ password: quoted })}`, quoted)).not.toMatch(/zz|yy/);
  });
});

describe('SnykApiError', () => {
  it('names the call, the status, Snyk message and reference', () => {
    const error = new SnykApiError({ method: 'POST', path: '/v1/org/o1/integrations', status: 409, snykMessage: 'Integration already exists', errorRef: 'r-1', retryable: false });
    expect(error.message).toBe('Snyk API POST /v1/org/o1/integrations failed: 409 Integration already exists (error reference r-1)');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SnykApiError');
  });

  it('tells a 401 to check the token and the region', () => {
    const error = new SnykApiError({ method: 'GET', path: '/v1/orgs', status: 401, snykMessage: 'Not authorised', retryable: false });
    expect(error.message).toMatch(/401 Not authorised.*Check SNYK_TOKEN.*SNYK_REGION\/api_url/);
  });

  it('names the network code when no response arrived', () => {
    const error = new SnykApiError({ method: 'GET', path: '/v1/orgs', code: 'ECONNRESET', retryable: true });
    expect(error.message).toBe('Snyk API GET /v1/orgs failed: network error ECONNRESET');
  });

  it('keeps its fields when a note is added', () => {
    const error = new SnykApiError({ method: 'GET', path: '/v1/orgs', status: 503, errorRef: 'r', retryable: true, retryAfterMs: 1000 }).withNote('First.').withNote('Second.');
    expect(error).toMatchObject({ status: 503, errorRef: 'r', retryable: true, retryAfterMs: 1000, note: 'First. Second.' });
    expect(error.message).toBe('Snyk API GET /v1/orgs failed: 503 (error reference r). First. Second.');
  });
});
