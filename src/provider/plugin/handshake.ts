/** go-plugin's handshake values for Terraform providers. */
export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
export const CORE_PROTOCOL_VERSION = 1;
export const APP_PROTOCOL_VERSION = 6;

export type HandshakeCheck = { ok: true } | { ok: false; message: string };

/** Checks that Terraform launched this process; otherwise explains to the human what the executable is. */
export function checkLaunchedByTerraform(env: NodeJS.ProcessEnv, executableName: string): HandshakeCheck {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    return {
      ok: false,
      message:
        `${executableName} is a Terraform provider plugin.\n` +
        'It is not meant to be run by hand: Terraform starts it when a configuration uses the provider.\n' +
        'Install it into a plugin directory and run `terraform init`, `terraform plan` or `terraform apply` instead.\n',
    };
  }
  const offered = (env.PLUGIN_PROTOCOL_VERSIONS ?? String(APP_PROTOCOL_VERSION)).split(',').map((version) => version.trim());
  if (!offered.includes(String(APP_PROTOCOL_VERSION))) {
    return {
      ok: false,
      message: `${executableName} speaks Terraform plugin protocol ${APP_PROTOCOL_VERSION}, but this Terraform offers ${offered.join(', ')}: use Terraform 1.0 or later.\n`,
    };
  }
  return { ok: true };
}

/** The single stdout line go-plugin reads: `1|6|unix|SOCKET|grpc|CERT` (certificate DER, base64 without padding). */
export function handshakeLine(socketPath: string, certificateDer: Buffer | undefined): string {
  const certificate = certificateDer ? certificateDer.toString('base64').replace(/=+$/, '') : '';
  return `${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|unix|${socketPath}|grpc|${certificate}\n`;
}
