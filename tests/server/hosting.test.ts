// @vitest-environment node
/**
 * Safe by default on the network: the demo login (anyone is logged in as anyone, no password) never listens beyond
 * loopback, a server others can reach names its host names, and a request for any other host name (DNS rebinding)
 * reaches nothing but `/health`.
 */
import { request } from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config';
import { hostAllowed, isLoopbackAddress } from '../../server/hosts';
import { runCli, startCli, stopStartedClis } from './support';

const folder = mkdtempSync(join(tmpdir(), 'booking-reports-hosting-'));
afterAll(async () => {
  await stopStartedClis();
  rmSync(folder, { recursive: true, force: true });
});

/** GET with a `Host` header of our choosing (fetch does not let one set it): status and parsed body. */
function getWithHost(origin: string, path: string, host: string): Promise<{ status: number; body: unknown }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const sent = request({ hostname, port, path, headers: { host } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    sent.on('error', reject);
    sent.end();
  });
}

describe('Where the server listens', () => {
  it('tells loopback addresses from the others', () => {
    for (const address of ['127.0.0.1', '127.9.8.7', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) {
      expect(isLoopbackAddress(address), address).toBe(true);
    }
    for (const address of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', 'example.com', '128.0.0.1']) {
      expect(isLoopbackAddress(address), address).toBe(false);
    }
  });

  it('refuses --auth demo on an address other machines reach, and says why', () => {
    const parsed = parseConfig(['--auth', 'demo', '--host', '0.0.0.0', '--allowed-host', 'example.com'], {});
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toContain(
      '--auth demo logs anyone in as any user without a password, so it listens only on a loopback address',
    );

    const run = runCli(['--auth', 'demo', '--host', '0.0.0.0', '--allowed-host', 'example.com']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('listens only on a loopback address');
  });

  it('refuses the demo site’s default login on 0.0.0.0 too, before it creates anything', () => {
    const database = join(folder, 'never.sqlite');
    const run = runCli(['--db', database, '--host', '0.0.0.0', '--allowed-host', 'example.com']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--auth demo logs anyone in as any user without a password');
    expect(existsSync(database)).toBe(false);
  });

  it('asks a server other machines reach for the host names it answers for', () => {
    const run = runCli(['--auth', 'wordpress', '--host', '0.0.0.0']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('name the host names this server answers for with --allowed-host');
  });

  it('matches Host headers by name, any port, any case', () => {
    const allowed = ['localhost', '127.0.0.1', '::1', 'Reports.Example.com'];
    for (const host of ['localhost', 'LOCALHOST:8080', '127.0.0.1:1', '[::1]:8080', 'reports.example.com.']) {
      expect(hostAllowed(host, allowed), host).toBe(true);
    }
    for (const host of [undefined, '', 'evil.example', '127.0.0.1.evil.example', 'localhost.evil', '[::2]']) {
      expect(hostAllowed(host, allowed), String(host)).toBe(false);
    }
  });
});

describe('Which host names the server answers for', () => {
  it('answers the loopback names by default and 421 WP_Error to a rebound name, /health aside', async () => {
    const cli = await startCli(['--db', join(folder, 'hosts.sqlite'), '--port', '0', '--quiet']);
    const port = new URL(cli.origin).port;
    try {
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
        const page = await getWithHost(cli.origin, '/wp-json/fluent-booking/v2/reports', host);
        // Known host: the route answers (no login here, so WordPress's 401).
        expect(page.status, host).toBe(401);
      }
      for (const host of [`rebind.attacker.example:${port}`, 'attacker.example']) {
        const refused = await getWithHost(cli.origin, '/wp-json/fluent-booking/v2/reports', host);
        expect(refused.status, host).toBe(421);
        expect(refused.body).toEqual({
          code: 'rest_misdirected_request',
          message: 'This server does not answer for that host name.',
          data: { status: 421 },
        });
        const page = await getWithHost(cli.origin, '/wp-admin/admin.php?page=booking-reports', host);
        expect(page.status).toBe(421);
      }
      const health = await getWithHost(cli.origin, '/health', 'attacker.example');
      expect(health).toEqual({ status: 200, body: { status: 'ok', db: 'ok' } });
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  it('answers only the names --allowed-host gives', async () => {
    const cli = await startCli([
      '--db',
      join(folder, 'hosts.sqlite'),
      '--allowed-host',
      'reports.example.com',
      '--port',
      '0',
      '--quiet',
    ]);
    try {
      const path = '/wp-json/fluent-booking/v2/reports';
      expect((await getWithHost(cli.origin, path, 'reports.example.com')).status).toBe(401);
      expect((await getWithHost(cli.origin, path, 'localhost')).status).toBe(421);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });
});
