/**
 * The one module that names the CDK for Terraform core library. Everything else in src/constructs and the generated
 * bindings in src/generated import it from here. The package is built twice from these sources: `cdktf-snyk` with
 * this module importing `cdktf` (0.21), and `cdktf-snyk/cdktn` (lib/cdktn, made by scripts/build-cdktn.mjs) with it
 * importing `cdktn` (CDK Terrain 0.24), so each app gets constructs of its own core library's classes. Both are
 * optional peer dependencies: the app brings the one it uses.
 */
export * from 'cdktf';
