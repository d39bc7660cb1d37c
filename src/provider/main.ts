// The terraform-provider-snyk executable. Heavy modules (the provider, its HTTP client) load only after the handshake
// line is printed: Terraform launches the provider several times per command.
import { serveProvider } from './framework/serve-provider';

const SCHEMA_JSON_FLAG = 'schema-json';

if (process.argv[2] === SCHEMA_JSON_FLAG) {
  // `terraform-provider-snyk schema-json`: the schema as `terraform providers schema -json` prints it (for CDKTF bindings).
  void Promise.all([import('./provider'), import('./framework/schema-json')]).then(([{ snykProvider }, { providerSchemaJson }]) => {
    process.stdout.write(`${JSON.stringify(providerSchemaJson(snykProvider), null, 2)}\n`);
  });
} else {
  void serveProvider(() => import('./provider').then((module) => module.snykProvider), { executableName: 'terraform-provider-snyk' });
}
