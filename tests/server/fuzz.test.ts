// @vitest-environment node
/**
 * The fuzz suite (`suites/fuzz.ts`) on SQLite; `tests/mariadb/` runs the same suite on MariaDB. Below it, what
 * Node's HTTP parser refuses before Fastify routes a request, over raw sockets (fetch cannot send these bytes);
 * no database is involved there, so it runs once, here.
 */
import { STATUS_CODES } from 'node:http';
import { connect, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REST_ROOT } from '../../server/app';
import { answerClientError } from '../../server/clientErrors';
import { defineFuzzTests } from './suites/fuzz';
import { site, SQLITE_DATABASES, startServer } from './support';
import type { TestServer } from './support';

defineFuzzTests(SQLITE_DATABASES);

/** What came back on a raw connection, read until the server closed it. */
interface RawAnswer {
  /** E.g. `HTTP/1.1 400 Bad Request`. */
  statusLine: string;
  status: number;
  /** Header names lower-cased. */
  headers: Map<string, string>;
  body: string;
}

/**
 * Writes `bytes` on a fresh connection and reads everything until the server closes it; rejects when it answers
 * nothing or keeps the connection open for 10 s.
 */
function sendRaw(server: TestServer, bytes: string | Buffer): Promise<RawAnswer> {
  const { hostname, port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('The server kept the connection open'));
    }, 10_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`No complete answer: ${JSON.stringify(text.slice(0, 200))}`));
      const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
      const headers = new Map(
        lines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
        }),
      );
      resolve({
        statusLine,
        status: Number(statusLine.split(' ')[1]),
        headers,
        body: Buffer.from(text.slice(end + 4), 'latin1').toString('utf8'),
      });
    });
    socket.end(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  });
}

/** The answer is WP_Error JSON of `status` (and `code`, when given), framed as a closing HTTP/1.1 answer. */
function expectWpErrorAnswer(answer: RawAnswer, status: number, code?: string): void {
  expect(answer.statusLine).toBe(`HTTP/1.1 ${status} ${STATUS_CODES[status]}`);
  expect(answer.headers.get('content-type')).toBe('application/json; charset=UTF-8');
  expect(answer.headers.get('content-length')).toBe(String(Buffer.byteLength(answer.body)));
  expect(answer.headers.get('connection')).toBe('close');
  expect(JSON.parse(answer.body)).toEqual({
    code: code ?? expect.stringMatching(/^rest_[a-z_]+$/),
    message: expect.stringMatching(/\w/),
    data: { status },
  });
}

const REPORTS = `${REST_ROOT}reports`;

describe('Reference backend, requests the HTTP parser refuses', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ data: site([]), timezone: 'UTC', now: Date.parse('2025-02-01T12:00:00Z') });
  });
  afterAll(() => server.close());

  /** The configured header limit, as Node's server holds it. */
  function maxHeaderSize(): number {
    const size = (server.app.server as { maxHeaderSize?: unknown }).maxHeaderSize;
    if (typeof size !== 'number') throw new Error('The server has no maxHeaderSize');
    return size;
  }

  it('returns 431 WP_Error JSON for headers over the configured maxHeaderSize, and serves them under it', async () => {
    const limit = maxHeaderSize();
    const request = (size: number) =>
      `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Padding: ${'a'.repeat(size)}\r\n\r\n`;
    expectWpErrorAnswer(await sendRaw(server, request(limit + 1_024)), 431, 'rest_header_fields_too_large');
    expect((await sendRaw(server, request(limit - 1_024))).status).toBe(200);
  });

  it.each([
    ['G@T', 'a character no method has'],
    ['BREW', 'a method HTTP does not know'],
    ['GET\u0000', 'a NUL'],
  ])('returns 400 WP_Error JSON for the method %j (%s)', async (method) => {
    const answer = await sendRaw(server, `${method} ${REPORTS} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expectWpErrorAnswer(answer, 400, 'rest_invalid_method');
  });

  it.each([
    ['a NUL', '\u0000'],
    ['a control character', '\u0001'],
    ['DEL', '\u007f'],
    ['a tab', '\t'],
  ])('returns 400 WP_Error JSON for %s in the URL', async (_name, byte) => {
    const answer = await sendRaw(server, `GET ${REPORTS}${byte}x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expectWpErrorAnswer(answer, 400, 'rest_invalid_url');
  });

  it('returns 400 WP_Error JSON for an HTTP/1.1 request without a Host header, and serves HTTP/1.0 without one', async () => {
    const answer = await sendRaw(server, `GET ${REPORTS} HTTP/1.1\r\nConnection: close\r\n\r\n`);
    expectWpErrorAnswer(answer, 400, 'rest_missing_host');
    // HTTP/1.0 has no Host requirement; the request goes on to the router (here /health).
    expect((await sendRaw(server, 'GET /health HTTP/1.0\r\n\r\n')).status).toBe(200);
  });

  it.each([
    ['an invalid header name', `GET ${REPORTS} HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Name: x\r\n\r\n`],
    [
      'Content-Length beside Transfer-Encoding',
      `POST ${REPORTS} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc`,
    ],
    ['an unknown HTTP version', `GET ${REPORTS} HTTP/7.1\r\nHost: 127.0.0.1\r\n\r\n`],
    ['a TLS handshake', Buffer.from('160301002c010000280303', 'hex')],
  ])('returns 400 WP_Error JSON for %s', async (_name, bytes) => {
    expectWpErrorAnswer(await sendRaw(server, bytes), 400);
  });

  it('returns WP_Error JSON whatever byte stands in the method, URL or a header name', async () => {
    const places = [
      (byte: string) => `G${byte}ET ${REPORTS} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      (byte: string) => `GET ${REPORTS}${byte}x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      (byte: string) =>
        `GET ${REPORTS} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-${byte}: 1\r\n\r\n`,
    ];
    const statuses = new Set<number>();
    for (const place of places) {
      for (let code = 0; code < 256; code += 1) {
        const answer = await sendRaw(server, place(String.fromCharCode(code)));
        statuses.add(answer.status);
        expect(JSON.parse(answer.body), JSON.stringify(answer)).toMatchObject({
          data: { status: answer.status },
        });
        expect(answer.headers.get('content-type')).toMatch(/^application\/json; charset=UTF-8$/i);
      }
    }
    // Both the parser's refusals and the router's answers (not logged in) were reached.
    expect(statuses).toContain(400);
    expect([...statuses].some((status) => status !== 400)).toBe(true);
  }, 60_000);

  it('keeps serving after clients that reset their connection in the middle of an oversized header', async () => {
    const { hostname, port } = new URL(server.origin);
    for (let index = 0; index < 5; index += 1) {
      const socket = connect(Number(port), hostname);
      socket.on('error', () => undefined);
      socket.write(`GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${'a'.repeat(maxHeaderSize())}`);
      socket.resetAndDestroy();
    }
    expect(
      (await sendRaw(server, 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n')).status,
    ).toBe(200);
  });

  it('writes nothing to a socket that is already destroyed', () => {
    const socket = new Socket();
    const errors: Error[] = [];
    socket.on('error', (error: Error) => errors.push(error));
    socket.destroy();
    answerClientError(Object.assign(new Error('Parse Error'), { code: 'HPE_INVALID_METHOD' }), socket);
    expect(socket.bytesWritten).toBe(0);
    expect(socket.writableEnded).toBe(false);
    expect(errors).toEqual([]);
  });
});
