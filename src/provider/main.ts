// The terraform-provider-snyk executable. Heavy modules (the provider, its HTTP client) load only when the first RPC
// that needs them arrives: Terraform launches the provider several times per command, and the first launch of a plan
// only asks for the schema, which is answered from PRECOMPUTED_RESPONSES.
import { precomputeResponses, serveProvider } from './framework/serve-provider';
import { PRECOMPUTED_RESPONSES } from './precomputed-responses';

const SCHEMA_JSON_FLAG = 'schema-json';
/** Used by scripts/bundle.mjs: prints the answers that the bundle then embeds as PRECOMPUTED_RESPONSES. */
const PRECOMPUTE_FLAG = 'precompute-responses';

if (process.argv[2] === SCHEMA_JSON_FLAG) {
  // `terraform-provider-snyk schema-json`: the schema as `terraform providers schema -json` prints it (for CDKTF bindings).
  void Promise.all([import('./provider'), import('./framework/schema-json')]).then(([{ snykProvider }, { providerSchemaJson }]) => {
    process.stdout.write(`${JSON.stringify(providerSchemaJson(snykProvider), null, 2)}\n`);
  });
} else if (process.argv[2] === PRECOMPUTE_FLAG) {
  void import('./provider')
    .then(({ snykProvider }) => precomputeResponses(snykProvider))
    .then((responses) => process.stdout.write(`${JSON.stringify(responses)}\n`));
} else {
  void serveProvider(() => import('./provider').then((module) => module.snykProvider), {
    executableName: 'terraform-provider-snyk',
    precomputedResponses: PRECOMPUTED_RESPONSES,
  });
}
