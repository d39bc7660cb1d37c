// The static files that make a release folder a Terraform provider registry and a provider network mirror, so that
// any static HTTPS host (a bucket, nginx, an artifact server, `cdktf-snyk registry serve`) can serve it:
//   .well-known/terraform.json                              service discovery (providers.v1)
//   v1/providers/NAMESPACE/TYPE/versions                    provider registry protocol: versions
//   v1/providers/NAMESPACE/TYPE/VERSION/download/OS/ARCH    provider registry protocol: one package
//   HOST/NAMESPACE/TYPE/index.json, VERSION.json            provider network mirror protocol
// URLs in them are relative to the document, so the folder works under any host name.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The plugin protocol versions the provider speaks (also the release manifest's `protocol_versions`). */
export const PROTOCOLS = ['6.0'];
const PROVIDERS_V1 = '/v1/providers/';

function writeJson(file, value) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * release: { namespace, type, version, hostname, packages: [{ os, arch, filename, shasum, h1 }], shasumsFile,
 * signatureFile, signingKey: { keyId, asciiArmor } }; all files sit at the root of `outDir`.
 */
export function writeRegistryLayout(outDir, release) {
  const { namespace, type, version } = release;
  writeJson(join(outDir, '.well-known', 'terraform.json'), { 'providers.v1': PROVIDERS_V1 });
  const providerDir = join(outDir, 'v1', 'providers', namespace, type);
  writeJson(join(providerDir, 'versions'), {
    versions: [{ version, protocols: PROTOCOLS, platforms: release.packages.map(({ os, arch }) => ({ os, arch })) }],
  });
  // From v1/providers/NS/TYPE/VERSION/download/OS/ARCH back to the folder root.
  const toRoot = '../../../../../../../';
  for (const pkg of release.packages) {
    writeJson(join(providerDir, version, 'download', pkg.os, pkg.arch), {
      protocols: PROTOCOLS,
      os: pkg.os,
      arch: pkg.arch,
      filename: pkg.filename,
      download_url: `${toRoot}${pkg.filename}`,
      shasums_url: `${toRoot}${release.shasumsFile}`,
      shasums_signature_url: `${toRoot}${release.signatureFile}`,
      shasum: pkg.shasum,
      signing_keys: { gpg_public_keys: [{ key_id: release.signingKey.keyId, ascii_armor: release.signingKey.asciiArmor }] },
    });
  }
  const mirrorDir = join(outDir, release.hostname, namespace, type);
  writeJson(join(mirrorDir, 'index.json'), { versions: { [version]: {} } });
  writeJson(join(mirrorDir, `${version}.json`), {
    archives: Object.fromEntries(
      release.packages.map((pkg) => [`${pkg.os}_${pkg.arch}`, { url: `../../../${pkg.filename}`, hashes: [pkg.h1, `zh:${pkg.shasum}`] }]),
    ),
  });
}
