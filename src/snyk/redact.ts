const REDACTED = '[redacted]';

/** Secrets shorter than this are not redacted: replacing every "a" in a message would make it unreadable. */
const MIN_SECRET_LENGTH = 4;

/**
 * Replaces every occurrence of each secret in `text` with a marker, as sent and as written inside a JSON string (an
 * API that echoes the request body quotes a secret holding `"` or `\` escaped).
 */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets
    .flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)])
    .filter((secret) => secret.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length)
    .reduce((result, secret) => result.split(secret).join(REDACTED), text);
}
