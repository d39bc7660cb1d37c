import { Construct } from 'constructs';
import { TerraformStack, TerraformVariable, Token } from './core';

/**
 * A secret value (an API key, a password, an SCM token) for a Snyk construct.
 *
 * It is either a reference resolved by Terraform at deploy time (a sensitive variable, an attribute of another
 * resource or data source) or, only when asked for by name, a plain text value. Secret-bearing props take this type
 * rather than a string, so that writing a password into the synthesized JSON is always a visible decision.
 */
export class SnykSecret {
  /**
   * A sensitive Terraform variable named `name`, whose value Terraform reads at deploy time from the environment
   * variable `TF_VAR_<name>`. Nothing is read at synth time. One variable per name and stack.
   */
  public static fromEnvironment(scope: Construct, name: string, description?: string): SnykSecret {
    const stack = TerraformStack.of(scope);
    const id = `SnykSecret-${name}`;
    const existing = stack.node.tryFindChild(id);
    const variable = existing instanceof TerraformVariable ? existing : SnykSecret.declareVariable(stack, id, name, description);
    return new SnykSecret(variable.stringValue);
  }

  /**
   * A value Terraform knows only at deploy time: an attribute of another resource or data source (for example a
   * secrets manager entry) or a sensitive variable. Throws when `token` is a literal string.
   */
  public static fromToken(token: string): SnykSecret {
    if (!Token.isUnresolved(token)) {
      throw new Error('SnykSecret.fromToken() needs a Terraform reference, not a literal value; use SnykSecret.unsafePlainText() to write a literal into the synthesized configuration');
    }
    return new SnykSecret(token);
  }

  /** A literal value, written as is into the synthesized configuration (and so into version control): avoid it. */
  public static unsafePlainText(value: string): SnykSecret {
    return new SnykSecret(value);
  }

  /** True when `value` is a SnykSecret. */
  public static isSnykSecret(value: unknown): value is SnykSecret {
    return value instanceof SnykSecret;
  }

  private static declareVariable(stack: TerraformStack, id: string, name: string, description?: string): TerraformVariable {
    const variable = new TerraformVariable(stack, id, {
      type: 'string',
      sensitive: true,
      nullable: false,
      description: description ?? `Secret read from the environment variable TF_VAR_${name} at deploy time.`,
    });
    variable.overrideLogicalId(name);
    return variable;
  }

  private constructor(private readonly value: string) {}

  /** True when the value is a Terraform reference resolved only at deploy time. */
  public get isReference(): boolean {
    return Token.isUnresolved(this.value);
  }

  /** The value to put into a resource attribute: a reference, or the plain text given to `unsafePlainText`. */
  public unsafeUnwrap(): string {
    return this.value;
  }

  /** Never the secret itself, so that string interpolation and logging cannot leak it. */
  public toString(): string {
    return '<SnykSecret>';
  }

  public toJSON(): string {
    return '<SnykSecret>';
  }
}
