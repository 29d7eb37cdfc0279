/**
 * WordPress `WP_Error` answers for the requests Node's HTTP layer refuses before Fastify sees them: headers over
 * `maxHeaderSize` (431), a bad method, a NUL or other invalid byte in the URL, bytes that are no HTTP at all (400),
 * a request that took too long to arrive (408), and an HTTP/1.1 request without a Host header (400).
 *
 * Left to themselves, Fastify answers the first ones with its own `{"error":…}` JSON and Node answers the last
 * with an empty body; a client of a WordPress REST API expects `{"code","message","data":{"status"}}` for every
 * error, so the dashboard can show its message.
 */
import { createServer, STATUS_CODES } from 'node:http';
import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyServerFactory } from 'fastify';
import type { WpError } from '../src/api/types';
import { wpError } from '../src/engine';

/**
 * How long a refused connection stays open after its answer, for the client to read it. Closing at once would
 * reset a connection whose client is still sending (the rest of a huge header), and a reset can throw away the
 * answer before the client reads it. The client closes after reading; this closes a client that does not.
 */
const LINGER_MS = 2_000;

/** The headers of every answer written here. */
function answerHeaders(body: string): Record<string, string> {
  return {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
}

/**
 * The WP_Error for a client error Node's HTTP server raised, by its code (llhttp's `HPE_…` or Node's `ERR_…`).
 * @param code The error's `code`.
 * @returns `undefined` when there is no one left to answer (the client reset the connection).
 */
export function clientErrorAnswer(code: string | undefined): WpError | undefined {
  switch (code) {
    case 'ECONNRESET':
      return undefined;
    case 'HPE_HEADER_OVERFLOW':
      return wpError(
        'rest_header_fields_too_large',
        'The request headers are larger than the server accepts.',
        431,
      );
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return wpError(
        'rest_chunk_extensions_too_large',
        'The request body’s chunk extensions are too large.',
        413,
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return wpError('rest_request_timeout', 'The request did not arrive in time.', 408);
    case 'HPE_INVALID_METHOD':
      return wpError('rest_invalid_method', 'The request method is not a valid HTTP method.', 400);
    case 'HPE_INVALID_URL':
      return wpError('rest_invalid_url', 'The request URL contains a character that is not allowed.', 400);
    default:
      return wpError('rest_invalid_request', 'The request is not valid HTTP.', 400);
  }
}

/** A whole HTTP/1.1 response carrying `error`, for a socket no `ServerResponse` owns. */
function rawResponse(error: WpError): string {
  const status = error.data?.status ?? 400;
  const body = JSON.stringify(error);
  const headers = Object.entries(answerHeaders(body)).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${headers.join('')}\r\n${body}`;
}

/**
 * Whether an answer to an earlier request on this connection has started: then another status line would land in
 * the middle of it. (`_httpMessage` is where Node's HTTP server keeps a connection's current response; Node's own
 * handler makes the same check.)
 */
function answerInFlight(socket: Socket): boolean {
  const current = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  return current?.headersSent === true;
}

/**
 * Fastify's `clientErrorHandler`: answers a connection Node's HTTP parser gave up on with WP_Error JSON, then
 * closes it. A socket that is already destroyed, ended or not writable, or that is in the middle of another
 * answer, is closed without writing.
 *
 * @param error The parser's error; its `code` picks the status (see {@link clientErrorAnswer}).
 * @param socket The client's connection.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A parser that failed once fails again on every later chunk of the same connection: the first answer stands.
  if (socket.writableEnded) return;
  const answer = clientErrorAnswer(error.code);
  if (!answer || socket.destroyed || !socket.writable || answerInFlight(socket)) {
    socket.destroy();
    return;
  }
  socket.end(rawResponse(answer));
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/** The WP_Error for an HTTP/1.1 request without a Host header, which RFC 9112 (3.2) says to refuse with 400. */
function missingHost(response: ServerResponse): void {
  const body = JSON.stringify(
    wpError('rest_missing_host', 'An HTTP/1.1 request must name the site in a Host header.', 400),
  );
  response.writeHead(400, answerHeaders(body)).end(body);
}

function numberOption(options: Record<string, unknown>, name: string): number | undefined {
  const value = options[name];
  return typeof value === 'number' ? value : undefined;
}

/**
 * Fastify's `serverFactory`: the HTTP/1.1 server Fastify would make (its `http` options, timeouts and
 * `maxRequestsPerSocket`), except that a Host-less HTTP/1.1 request gets WP_Error JSON. Node's own check
 * (`requireHostHeader`) answers such a request itself with an empty 400 that no hook sees, so it is turned off and
 * done here instead, before Fastify routes the request.
 *
 * @param handler Fastify's request handler.
 * @param options Fastify's options, defaults applied.
 */
export const createHttpServer: FastifyServerFactory = (handler, options) => {
  const http = (options.http ?? {}) as ServerOptions;
  const server: Server = createServer(
    { ...http, requireHostHeader: false },
    (request: IncomingMessage, response: ServerResponse) => {
      if (request.httpVersion === '1.1' && request.headers.host === undefined) {
        missingHost(response);
        return;
      }
      handler(request, response);
    },
  );
  server.keepAliveTimeout = numberOption(options, 'keepAliveTimeout') ?? server.keepAliveTimeout;
  server.requestTimeout = numberOption(options, 'requestTimeout') ?? server.requestTimeout;
  server.setTimeout(numberOption(options, 'connectionTimeout') ?? 0);
  const maxRequestsPerSocket = numberOption(options, 'maxRequestsPerSocket') ?? 0;
  // As Fastify does: zero means Node's default (no limit).
  if (maxRequestsPerSocket > 0) server.maxRequestsPerSocket = maxRequestsPerSocket;
  return server;
};
