import { mkdtempSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServerCertificate } from './certificate';
import { createGrpcServer, GrpcServer, MutualTls } from './grpc-server';
import { controllerImplementation, providerImplementation, serviceMethods } from './grpc-services';
import { checkLaunchedByTerraform, handshakeLine } from './handshake';
import { createLogger, Logger } from './logger';
import { ProviderRpcHandlers } from './protocol';

export interface ServePluginOptions {
  /** The executable's name, used in the message shown to a human who runs it by hand. */
  readonly executableName: string;
  /** Builds the RPC handlers; called when the first RPC that needs them arrives, so it may load heavy code. */
  readonly handlers: () => ProviderRpcHandlers | Promise<ProviderRpcHandlers>;
  /**
   * Encoded answers of RPCs whose answer never changes (such as GetProviderSchema), keyed by path
   * (`/tfplugin6.Provider/GetProviderSchema`): served without loading the message types or the handlers, so that a
   * launch that only needs them (Terraform's first of a plan) stays close to a bare Node start.
   */
  readonly precomputedResponses?: Readonly<Record<string, Uint8Array>>;
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

  let handlers: Promise<ProviderRpcHandlers> | undefined;
  const loadHandlers = () =>
    (handlers ??= Promise.resolve()
      .then(options.handlers)
      .catch((error: unknown) => {
        logger.error('provider failed to load', { error: error instanceof Error ? error.message : String(error) });
        throw error;
      }));

  const { tls, certificateDer } = mutualTls(env);
  const server: GrpcServer = createGrpcServer({
    tls,
    methods: serviceMethods(
      {
        'tfplugin6.Provider': providerImplementation(loadHandlers),
        'plugin.GRPCController': controllerImplementation(() => exitAfterAnswering(server)),
      },
      logger,
      options.precomputedResponses,
    ),
    onError: (event) => logger.debug('grpc', { ...event }),
  });
  const socketPath = join(socketDir, 'plugin.sock');
  await server.listen(socketPath);
  printHandshakeLine(handshakeLine(socketPath, certificateDer));
  logger.debug('plugin listening', { socket: socketPath, tls: certificateDer !== undefined });
}

/**
 * Writes the line straight to file descriptor 1: creating `process.stdout` (a pipe stream) costs several ms per launch
 * and nothing else is ever written there. Falls back to the stream if the descriptor would block.
 */
function printHandshakeLine(line: string): void {
  const bytes = Buffer.from(line, 'utf8');
  let written = 0;
  try {
    written = writeSync(1, bytes);
  } catch {
    // EAGAIN on a non-blocking pipe: the stream below waits for it.
  }
  if (written < bytes.length) process.stdout.write(bytes.subarray(written));
}

/** Lets the Shutdown answer (and any call still in flight) finish, then exits; never waits long for it. */
function exitAfterAnswering(server: GrpcServer): void {
  setTimeout(() => process.exit(0), SHUTDOWN_FLUSH_LIMIT_MS);
  void server.close().then(() => process.exit(0));
}

const SHUTDOWN_FLUSH_LIMIT_MS = 100;

/** AutoMTLS material: a fresh server certificate, and Terraform's client certificate as the only accepted CA. */
function mutualTls(env: NodeJS.ProcessEnv): { tls?: MutualTls; certificateDer?: Buffer } {
  const clientCertificate = env.PLUGIN_CLIENT_CERT;
  if (env.TF_DISABLE_PLUGIN_TLS || !clientCertificate) return {};
  const certificate = createServerCertificate();
  return { tls: { certPem: certificate.certPem, keyPem: certificate.keyPem, clientCaPem: clientCertificate }, certificateDer: certificate.der };
}
