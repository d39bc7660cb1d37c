import { Command } from 'commander';
import { startRegistryServer } from '../registry-server';
import { PROVIDER_SOURCE } from '../provider-install';
import { cliConfigForNetworkMirror } from '../terraform-cli-config';

interface ServeOptions {
  readonly dir: string;
  readonly host: string;
  readonly port: string;
  readonly tlsCert?: string;
  readonly tlsKey?: string;
}

export function registerRegistryCommand(program: Command): void {
  const registry = program.command('registry').description('Serve a provider release as a Terraform registry and network mirror');
  registry
    .command('serve')
    .description('Serve the folder written by `npm run release` (registry protocol, network mirror, the zips)')
    .requiredOption('--dir <dir>', 'the release folder')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', '8443')
    .option('--tls-cert <file>', 'PEM certificate: Terraform only talks to registries and mirrors over HTTPS')
    .option('--tls-key <file>', 'PEM private key of --tls-cert')
    .action(async (options: ServeOptions) => {
      const server = await startRegistryServer({ ...options, port: Number(options.port) });
      const lines = [`Serving ${options.dir} at ${server.url}`, ''];
      if (!server.https) {
        lines.push('Plain HTTP: Terraform needs HTTPS, so put a TLS proxy in front or pass --tls-cert and --tls-key.', '');
      }
      lines.push(
        'A Terraform CLI configuration that installs the provider from it as a network mirror:',
        '',
        cliConfigForNetworkMirror(`${server.url}/`),
        `or as a private registry: source = "HOSTNAME/${PROVIDER_SOURCE}", where HOSTNAME serves this folder on port 443`,
        `(or a CLI configuration host block: host "HOSTNAME" { services = { "providers.v1" = "${server.url}/v1/providers/" } }).`,
        '',
      );
      process.stdout.write(lines.join('\n'));
      await new Promise<void>((resolveStop) => {
        const stop = (): void => void server.close().then(resolveStop);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
