import { SnykSecret } from './secret';

/** Credential fields whose values are secrets: they must be given as a `SnykSecret`. */
export const SECRET_CREDENTIAL_FIELDS: readonly string[] = ['token', 'password'];

/** Field name -> value for an integration's credentials; secret fields (`token`, `password`) take a `SnykSecret`. */
export type CredentialFields = Readonly<Record<string, SnykSecret | string>>;

/**
 * The credentials of an unbrokered integration: the flat fields its type takes (see `INTEGRATION_TYPES`), e.g.
 * `{ token: SnykSecret.fromEnvironment(this, 'GHE_TOKEN'), url: 'https://ghe.example.com' }` for `github-enterprise`.
 */
export class IntegrationCredentials {
  /** Credentials from their fields. Throws when a secret field (`token`, `password`) is a plain string. */
  public static fromFields(fields: CredentialFields): IntegrationCredentials {
    return new IntegrationCredentials(fields);
  }

  private constructor(private readonly fields: CredentialFields) {
    for (const [name, value] of Object.entries(fields)) {
      if (SECRET_CREDENTIAL_FIELDS.includes(name) && !SnykSecret.isSnykSecret(value)) {
        throw new Error(`The credential field "${name}" is a secret: give it as a SnykSecret (for example SnykSecret.fromEnvironment()), not a string`);
      }
    }
  }

  /** The names of the fields given. */
  public get fieldNames(): string[] {
    return Object.keys(this.fields);
  }

  /** The `credentials` map for the `snyk_integration` resource (references stay references). */
  public toAttribute(): Record<string, string> {
    return Object.fromEntries(
      Object.entries(this.fields).map(([name, value]) => [name, SnykSecret.isSnykSecret(value) ? value.unsafeUnwrap() : value]),
    );
  }
}
