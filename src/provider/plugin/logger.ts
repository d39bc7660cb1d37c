/** hclog levels, which go-plugin understands in JSON lines on the plugin's stderr. */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

const LEVEL_ORDER: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };
const SECRET_KEY = /token|secret|password|passphrase|credential|api[_-]?key|authorization|private/i;
export const REDACTED = '(sensitive value)';

export type LogFields = Record<string, unknown>;

export interface Logger {
  /** Whether `level` is written: fields that cost work to build (a redacted state) are built only then. */
  enabled(level: LogLevel): boolean;
  log(level: LogLevel, message: string, fields?: LogFields): void;
  trace(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  readonly module: string;
  /** Lowest level written. @default from TF_LOG_PROVIDER or TF_LOG, else 'info' */
  readonly level?: LogLevel;
  /** @default process.stderr.write */
  readonly write?: (line: string) => void;
}

/**
 * Logs hclog JSON lines to stderr (stdout belongs to the handshake). Fields whose name suggests a secret are
 * replaced with a placeholder, at any depth; callers log sensitive attribute values only after `redactValue`.
 */
export function createLogger(options: LoggerOptions): Logger {
  const threshold = LEVEL_ORDER[options.level ?? levelFromEnv(process.env)];
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const log = (level: LogLevel, message: string, fields: LogFields = {}) => {
    if (LEVEL_ORDER[level] < threshold) return;
    const entry = { '@level': level, '@message': message, '@module': options.module, '@timestamp': new Date().toISOString(), ...redactSecretFields(fields) };
    write(`${JSON.stringify(entry)}\n`);
  };
  return {
    enabled: (level) => LEVEL_ORDER[level] >= threshold,
    log,
    trace: (message, fields) => log('trace', message, fields),
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}

function levelFromEnv(env: NodeJS.ProcessEnv): LogLevel {
  const requested = (env.TF_LOG_PROVIDER ?? env.TF_LOG ?? '').toLowerCase();
  if (requested === 'json') return 'trace';
  return requested in LEVEL_ORDER ? (requested as LogLevel) : 'info';
}

/** Replaces the values of fields named like secrets, recursively. */
export function redactSecretFields(fields: LogFields): LogFields {
  const result: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_KEY.test(key)) result[key] = REDACTED;
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) result[key] = redactSecretFields(value as LogFields);
    else result[key] = value;
  }
  return result;
}
