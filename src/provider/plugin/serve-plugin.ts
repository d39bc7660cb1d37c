import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { createServerCertificate } from './certificate';
import { controllerImplementation, loadServiceDefinitions, providerImplementation } from './grpc-services';
import { checkLaunchedByTerraform, handshakeLine } from './handshake';
import { createLogger, Logger } from './logger';
import { ProviderRpcHandlers } from './protocol';

export interface ServePluginOptions {
  /** The executable's name, used in the message shown to a human who runs it by hand. */
  readonly executableName: string;
  /** Builds the RPC handlers; called only after the handshake line is printed, so it may load heavy code. */
  readonly handlers: () => ProviderRpcHandlers | Promise<ProviderRpcHandlers>;
  readonly logger?: Logger;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs the process as a go-plugin gRPC plugin for Terraform: checks the magic cookie, listens on a Unix socket in a
 * fresh temp dir with AutoMTLS (unless TF_DISABLE_PLUGIN_TLS), prints the handshake line and serves until Terraform
 * calls Shutdown. Never returns normally: the process exits when Terraform is done with it.
 */
export async function servePlugin(options: ServePluginOptions): Promise<void> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger({ module: options.executableName });
  const launch = checkLaunchedByTerraform(env, options.executableName);
  if (!launch.ok) {
    process.stderr.write(launch.message);
    process.exit(1);
  }
  const socketDir = mkdtempSync(join(tmpdir(), 'tfplugin-'));
  process.on('exit', () => rmSync(socketDir, { recursive: true, force: true }));
  // Terraform forwards Ctrl-C to the whole process group and then calls StopProvider; like go-plugin, stay alive.
  process.on('SIGINT', () => logger.debug('interrupt received; waiting for StopProvider'));
  process.on('SIGTERM', () => process.exit(0));

  let resolveHandlers: (handlers: ProviderRpcHandlers) => void = () => {};
  let rejectHandlers: (error: unknown) => void = () => {};
  const handlers = new Promise<ProviderRpcHandlers>((resolve, reject) => ((resolveHandlers = resolve), (rejectHandlers = reject)));

  const definitions = loadServiceDefinitions();
  const server = new grpc.Server({ 'grpc.max_receive_message_length': 256 * 1024 * 1024, 'grpc.max_send_message_length': 256 * 1024 * 1024 });
  server.addService(definitions.provider, providerImplementation(handlers, logger));
  server.addService(definitions.controller, controllerImplementation(() => exitAfterAnswering(server)));

  const { credentials, certificateDer } = serverCredentials(env);
  const socketPath = join(socketDir, 'plugin.sock');
  await new Promise<void>((resolve, reject) =>
    server.bindAsync(`unix:${socketPath}`, credentials, (error) => (error ? reject(error) : resolve())),
  );
  process.stdout.write(handshakeLine(socketPath, certificateDer));
  logger.debug('plugin listening', { socket: socketPath, tls: certificateDer !== undefined });
  setImmediate(() => {
    Promise.resolve()
      .then(options.handlers)
      .then(resolveHandlers, (error: unknown) => {
        logger.error('provider failed to load', { error: error instanceof Error ? error.message : String(error) });
        rejectHandlers(error);
      });
  });
}

/** Lets grpc-js flush the Shutdown answer (it finishes in-flight calls), then exits; never waits long for it. */
function exitAfterAnswering(server: grpc.Server): void {
  setTimeout(() => process.exit(0), SHUTDOWN_FLUSH_LIMIT_MS);
  server.tryShutdown(() => process.exit(0));
}

const SHUTDOWN_FLUSH_LIMIT_MS = 100;

function serverCredentials(env: NodeJS.ProcessEnv): { credentials: grpc.ServerCredentials; certificateDer?: Buffer } {
  const clientCertificate = env.PLUGIN_CLIENT_CERT;
  if (env.TF_DISABLE_PLUGIN_TLS || !clientCertificate) return { credentials: grpc.ServerCredentials.createInsecure() };
  const certificate = createServerCertificate();
  const credentials = grpc.ServerCredentials.createSsl(
    Buffer.from(clientCertificate),
    [{ private_key: Buffer.from(certificate.keyPem), cert_chain: Buffer.from(certificate.certPem) }],
    true,
  );
  return { credentials, certificateDer: certificate.der };
}
