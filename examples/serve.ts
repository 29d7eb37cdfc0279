/**
 * The example host pages' server: a small static server for `dist/` and `examples/` that stands in for the
 * WordPress site around the dashboard. Run it next to the reference backend:
 *
 *   npm start                                  # the reference backend on http://127.0.0.1:8080
 *   npm run examples                           # this server on http://127.0.0.1:8081/examples/
 *
 * - `/examples/*` and `/dist/*` are files from the repository (the built dashboard and the host pages).
 * - `/wp-json/*` and `/wp-admin/*` are passed to the backend, so the host pages call the REST API on their own
 *   origin with the login cookie, as a plugin's admin screen does.
 * - `/examples/site-config.js` is what `wp_localize_script()` prints on a WordPress page: it opens the backend's
 *   admin page (which logs the browser in and sets the cookie) and hands over its `bookingReportsConfig` script,
 *   with `restUrl` on this server's origin.
 * - `/dist/widget.html` gets `allowedOrigins` written into its `booking-reports-allowed-origins` meta element, as a
 *   site owner would edit the file to let other origins embed the widget.
 *
 * The end-to-end tests start several of these on ephemeral ports to get the separate origins the iframe widget
 * needs (tests/e2e/support.ts).
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** Options of {@link startExampleServer}. */
export interface ExampleServerOptions {
  /** Origin of the reference backend, e.g. `http://127.0.0.1:8080`; without it the REST paths answer 502. */
  backend?: string;
  /** Folder holding `dist/` and `examples/`. @default the repository */
  root?: string;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port; 0 picks a free one. @default 0 */
  port?: number;
  /**
   * Origins (besides its own) allowed to configure the widget this server serves; read on every request, so a caller
   * may add an origin it only knows after starting this server. @default none
   */
  allowedOrigins?: readonly string[];
  /**
   * Origin whose `/dist/widget.html` the widget example embeds, told to the page by `site-config.js` as a WordPress
   * page would print it. @default this server's own origin
   */
  widgetOrigin?: string;
}

/** A running example server. */
export interface ExampleServer {
  /** `http://<host>:<port>`. */
  origin: string;
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
}

const REPOSITORY_ROOT = fileURLToPath(new URL('..', import.meta.url));
const STATIC_FOLDERS = ['dist', 'examples'] as const;
const PROXIED_PREFIXES = ['/wp-json/', '/wp-admin/'] as const;
const ALLOWED_ORIGINS_META = /(<meta\s+name="booking-reports-allowed-origins"\s+content=")[^"]*(")/;
// The admin page prints the config and the nonce-refresh function as one inline script, as wp_localize_script does.
const LOCALIZED_SCRIPT = /<script>\s*(var bookingReportsConfig = [\s\S]*?)<\/script>/;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function sendText(response: ServerResponse, status: number, text: string, type = 'text/plain'): void {
  response.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
  response.end(text);
}

/** The file a URL path names inside one of the static folders, or `undefined` (also for `..` tricks). */
function staticFile(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const file = resolve(root, `.${decoded.endsWith('/') ? `${decoded}index.html` : decoded}`);
  return STATIC_FOLDERS.some((folder) => file.startsWith(resolve(root, folder) + sep)) ? file : undefined;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Forwards a request to the backend as it came (the Host header too, so the backend writes URLs of this origin). */
function forward(backend: URL, incoming: IncomingMessage, outgoing: ServerResponse): void {
  const upstream = httpRequest(
    {
      hostname: backend.hostname,
      port: backend.port,
      method: incoming.method,
      path: incoming.url,
      headers: incoming.headers,
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers as OutgoingHttpHeaders);
      answer.pipe(outgoing);
    },
  );
  upstream.on('error', () => {
    if (!outgoing.headersSent) sendText(outgoing, 502, 'The reference backend does not answer.');
    else outgoing.destroy();
  });
  incoming.pipe(upstream);
}

/** GETs a backend path with the browser's headers; resolves with status, headers and body. */
function fetchFromBackend(
  backend: URL,
  path: string,
  headers: IncomingMessage['headers'],
): Promise<{ status: number; headers: IncomingMessage['headers']; body: string }> {
  return new Promise((resolveAnswer, reject) => {
    const upstream = httpRequest(
      { hostname: backend.hostname, port: backend.port, method: 'GET', path, headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () =>
          resolveAnswer({
            status: answer.statusCode ?? 502,
            headers: answer.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        answer.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end();
  });
}

/**
 * Starts the example server.
 *
 * @param options Backend, folder, address and the widget's origins; see {@link ExampleServerOptions}.
 */
export async function startExampleServer(options: ExampleServerOptions = {}): Promise<ExampleServer> {
  const root = resolve(options.root ?? REPOSITORY_ROOT);
  const backend = options.backend ? new URL(options.backend) : undefined;
  let origin = '';

  async function siteConfig(request: IncomingMessage, response: ServerResponse, query: URLSearchParams) {
    if (!backend) return sendText(response, 502, 'No reference backend to log in to.');
    const locale = query.get('locale');
    const adminPage = `/wp-admin/admin.php?page=booking-reports${locale ? `&locale=${encodeURIComponent(locale)}` : ''}`;
    const page = await fetchFromBackend(backend, adminPage, {
      host: request.headers.host ?? '',
      cookie: request.headers.cookie ?? '',
    });
    const script = LOCALIZED_SCRIPT.exec(page.body)?.[1];
    if (page.status !== 200 || !script) return sendText(response, 502, 'The admin page printed no config.');
    const widgetUrl = new URL('/dist/widget.html', options.widgetOrigin ?? origin).href;
    response.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-store',
      ...(page.headers['set-cookie'] ? { 'set-cookie': page.headers['set-cookie'] } : {}),
    });
    response.end(`${script}\nvar bookingReportsExample = ${JSON.stringify({ widgetUrl })};\n`);
  }

  async function serveFile(response: ServerResponse, file: string): Promise<void> {
    if (!(await isFile(file))) return sendText(response, 404, 'Not found.');
    const headers = {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    };
    if (file === resolve(root, 'dist', 'widget.html')) {
      const html = (await readFile(file, 'utf8')).replace(
        ALLOWED_ORIGINS_META,
        `$1${(options.allowedOrigins ?? []).map((allowed) => new URL(allowed).origin).join(' ')}$2`,
      );
      response.writeHead(200, headers);
      response.end(html);
      return;
    }
    response.writeHead(200, headers);
    createReadStream(file).pipe(response);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (PROXIED_PREFIXES.some((prefix) => url.pathname.startsWith(prefix))) {
      if (!backend) return sendText(response, 502, 'No reference backend configured (--backend).');
      return forward(backend, request, response);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'GET only.');
    if (url.pathname === '/') {
      response.writeHead(302, { location: '/examples/' });
      response.end();
      return;
    }
    if (url.pathname === '/examples/site-config.js') return siteConfig(request, response, url.searchParams);
    const file = staticFile(root, url.pathname);
    if (!file) return sendText(response, 404, 'Not found.');
    return serveFile(response, file);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendText(response, 500, String(error));
      else response.destroy();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('The example server has no port');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${host}:${address.port}`;

  return {
    origin,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string', default: process.env.BR_BACKEND ?? 'http://127.0.0.1:8080' },
      port: { type: 'string', default: '8081' },
      'allow-origin': { type: 'string', multiple: true, default: [] },
      'widget-origin': { type: 'string' },
    },
  });
  const server = await startExampleServer({
    backend: values.backend,
    port: Number(values.port),
    allowedOrigins: values['allow-origin'],
    widgetOrigin: values['widget-origin'],
  });
  process.stderr.write(
    `Example host pages: open ${server.origin}/examples/ (REST and login go to ${values.backend})\n`,
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
