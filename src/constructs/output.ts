import { Construct } from 'constructs';
import { DefaultTokenResolver, StringConcat, TerraformOutput, Tokenization } from './core';

/** Properties of an output. */
export interface SnykOutputProps {
  /** The value: a Broker token, an id, a URL... */
  readonly value: string;
  /** @default none */
  readonly description?: string;
  /**
   * Whether Terraform hides the value in plan and apply output (`terraform output -json` still shows it).
   * Refused as `false` for a value that carries a Broker token or credentials.
   * @default true
   */
  readonly sensitive?: boolean;
}

const SECRET_REFERENCE = /\b(snyk_integration\.[\w-]+\.(broker_token|credentials)|snyk_broker_token\.[\w-]+\.token|snyk_app_install\.[\w-]+\.(client_secret|previous_client_secret))\b/;

/** A Terraform output that is sensitive unless said otherwise, for what a broker deployment needs. */
export class SnykOutput extends TerraformOutput {
  public constructor(scope: Construct, id: string, props: SnykOutputProps) {
    super(scope, id, { value: props.value, description: props.description, sensitive: props.sensitive ?? true });
    if (props.sensitive === false) {
      this.node.addValidation({ validate: () => this.refuseExposedSecret() });
    }
  }

  private refuseExposedSecret(): string[] {
    const resolved: unknown = Tokenization.resolve(this.value, { scope: this, resolver: new DefaultTokenResolver(new StringConcat()) });
    const expression = JSON.stringify(resolved);
    const reference = SECRET_REFERENCE.exec(expression);
    return reference ? [`The output refers to the secret ${reference[1]}: it must stay sensitive (leave out sensitive: false)`] : [];
  }
}
