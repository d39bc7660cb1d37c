// RELEASE_NOTES.md of a release: what each platform's package is, plainly, and how to verify and install it.
import { BUNDLE_NODE_REQUIREMENT, NODE_VERSION } from './platforms.mjs';

export const mebibytes = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;

export function releaseNotes({ version, packages, signingKey }) {
  const rows = packages.map((pkg) =>
    pkg.kind === 'standalone'
      ? `| ${pkg.name} | standalone executable, Node.js ${NODE_VERSION} embedded: needs nothing on the machine | ${mebibytes(pkg.zipBytes)} |`
      : `| ${pkg.name} | **the JavaScript bundle: needs ${BUNDLE_NODE_REQUIREMENT}** (no Node 22 build exists for this platform to embed) | ${mebibytes(pkg.zipBytes)} |`,
  );
  return [
    `# terraform-provider-snyk ${version}`,
    '',
    'Plugin protocol 6.0 (Terraform >= 1.0, OpenTofu).',
    '',
    '| platform | what the zip holds | zip size |',
    '|---|---|---|',
    ...rows,
    '',
    `The SHA256SUMS file is signed with the GPG key ${signingKey.fingerprint} (key id ${signingKey.keyId}):`,
    '',
    '```sh',
    `gpg --verify terraform-provider-snyk_${version}_SHA256SUMS.sig terraform-provider-snyk_${version}_SHA256SUMS`,
    `sha256sum --ignore-missing -c terraform-provider-snyk_${version}_SHA256SUMS`,
    '```',
    '',
    'The Windows and macOS executables carry no code signature of their own (injecting the provider into the Node.js',
    'binary invalidates Node\'s); sign them with your own identity if your policy requires it.',
    '',
  ].join('\n');
}
