// Compiles the provider's .proto files into the JSON descriptor loaded at run time with @grpc/proto-loader's
// fromJSON, so that no .proto text is parsed when Terraform launches the provider.
// Usage: node scripts/compile-proto.mjs [--check]   (--check exits 1 when the committed JSON is stale)
import protobuf from 'protobufjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pluginDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'provider', 'plugin');
const protoFiles = ['tfplugin6.proto', 'grpc-controller.proto'];
const outputPath = join(pluginDir, 'tfplugin6.json');

export function compileDescriptor() {
  const root = new protobuf.Root();
  for (const file of protoFiles) {
    protobuf.parse(readFileSync(join(pluginDir, file), 'utf8'), root, { keepCase: true });
  }
  root.resolveAll();
  return `${JSON.stringify(root.toJSON(), null, 2)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const descriptor = compileDescriptor();
  if (process.argv.includes('--check')) {
    const current = readFileSync(outputPath, 'utf8');
    if (current !== descriptor) {
      console.error(`${outputPath} is out of date: run node scripts/compile-proto.mjs`);
      process.exit(1);
    }
  } else {
    writeFileSync(outputPath, descriptor);
  }
}
