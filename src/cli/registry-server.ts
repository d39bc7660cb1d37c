import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { AddressInfo } from 'node:net';
import { extname, join, relative, resolve, sep } from 'node:path';

export interface RegistryServerOptions {
  /** The release folder written by `npm run release` (artifacts, registry documents, network mirror). */
  readonly dir: string;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** @default 0, any free port */
  readonly port?: number;
  /** PEM certificate (chain) file; with `tlsKey`, the server speaks HTTPS, which Terraform requires of registries. */
  readonly tlsCert?: string;
  /** PEM private key file for `tlsCert`. */
  readonly tlsKey?: string;
}

export interface RunningRegistryServer {
  /** e.g. `https://127.0.0.1:8443` */
  readonly url: string;
  readonly port: number;
  readonly https: boolean;
  close(): Promise<void>;
}

/** The registry protocol's documents have no file extension; Terraform wants them (and discovery) as JSON. */
function contentType(file: string): string {
  const types: Record<string, string> = { '.json': 'application/json', '.zip': 'application/zip', '.md': 'text/markdown; charset=utf-8' };
  const extension = extname(file);
  if (extension === '') return file.includes(`${sep}v1${sep}`) ? 'application/json' : 'text/plain; charset=utf-8';
  return types[extension] ?? (file.endsWith('SHA256SUMS') ? 'text/plain; charset=utf-8' : 'application/octet-stream');
}

/** The file below `dir` that a request path names, and its size; undefined when it names none (or tries to leave `dir`). */
function resolveRequestPath(dir: string, requestUrl: string): { file: string; size: number } | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://registry.invalid').pathname);
  } catch {
    return undefined;
  }
  const file = resolve(dir, `.${pathname}`);
  const inside = relative(dir, file);
  if (inside === '' || inside.startsWith('..') || inside.includes('\0')) return undefined;
  try {
    const stats = statSync(file);
    return stats.isFile() ? { file, size: stats.size } : undefined;
  } catch {
    return undefined; // missing, or a path through a file (ENOTDIR)
  }
}

function handler(dir: string): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const found = resolveRequestPath(dir, request.url ?? '/');
    if (!found) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: ['Not Found'] }));
      return;
    }
    response.writeHead(200, { 'content-type': contentType(found.file), 'content-length': found.size });
    if (request.method === 'HEAD') response.end();
    else createReadStream(found.file).pipe(response);
  };
}

/** Serves a release folder as a static Terraform provider registry and network mirror. */
export async function startRegistryServer(options: RegistryServerOptions): Promise<RunningRegistryServer> {
  const dir = resolve(options.dir);
  if (!statSync(join(dir, '.well-known', 'terraform.json'), { throwIfNoEntry: false })?.isFile()) {
    throw new Error(`${dir} is not a release folder (no .well-known/terraform.json): run \`npm run release\` and pass its output folder.`);
  }
  if (Boolean(options.tlsCert) !== Boolean(options.tlsKey)) throw new Error('Pass both --tls-cert and --tls-key, or neither.');
  const https = Boolean(options.tlsCert && options.tlsKey);
  const server: Server = https
    ? createHttpsServer({ cert: readFileSync(options.tlsCert as string), key: readFileSync(options.tlsKey as string) }, handler(dir))
    : createHttpServer(handler(dir));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${https ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    https,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
