import { isUuid } from '../../framework';

/**
 * Heuristics for a secret written where only a name, a URL or an id belongs. Deliberately conservative: a false
 * alarm blocks a plan, so only shapes that are secrets by construction count, plus long random-looking strings.
 */
const SECRET_PREFIXES = [
  /^gh[pousr]_[A-Za-z0-9]{20,}/, // GitHub tokens
  /^github_pat_[A-Za-z0-9_]{20,}/,
  /^gl(pat|dt|ptt|rt)-[A-Za-z0-9_-]{16,}/, // GitLab tokens
  /^xox[abpr]-/, // Slack
  /^(AKIA|ASIA)[0-9A-Z]{16}$/, // AWS access key ids
  /^ATATT[A-Za-z0-9_=-]{20,}/, // Atlassian API tokens
  /^(npm_|dckr_pat_|sk-)[A-Za-z0-9_-]{16,}/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\./, // JWT
];

function hasUserInfoWithPassword(value: string): boolean {
  try {
    return new URL(value).password !== '';
  } catch {
    return false;
  }
}

/** 32+ characters of letters and digits mixed, with no separator a name, host, path or ARN would have. */
function looksRandom(value: string): boolean {
  if (value.length < 32 || isUuid(value) || /[\s./:@]/.test(value)) return false;
  return /[A-Za-z]/.test(value) && /[0-9]/.test(value) && /^[A-Za-z0-9+/=_-]+$/.test(value);
}

/** Why `value` looks like a secret (without quoting it), or undefined. */
export function secretShape(value: string): string | undefined {
  if (SECRET_PREFIXES.some((pattern) => pattern.test(value))) return 'it has the shape of an access token or private key';
  if (hasUserInfoWithPassword(value)) return 'it is a URL with a password in it';
  if (looksRandom(value)) return 'it is a long random-looking string';
  return undefined;
}
