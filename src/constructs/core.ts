/**
 * The one module that names the CDK for Terraform core library. Everything else in src/constructs and the generated
 * bindings in src/generated import it from here, so moving to another flavour of the core library (such as `cdktn`)
 * is a change to this file alone.
 */
export * from 'cdktf';
