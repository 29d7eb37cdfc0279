/**
 * `npm run bench:overload`: the reference backend when more clients come than it can serve. The command line serves
 * a generated site (200k bookings by default) in a process of its own; autocannon loads it with the dashboard's
 * three requests (last 30 days) at 50 and at 200 connections, while this process asks `/health` every 200 ms.
 *
 * Printed per run: requests/s, latency p50/p99, the answers (200, 503 `server_busy`, other), errors and timeouts,
 * and how long `/health` took (p50, p99, longest). Figures only: nothing fails on a clock; the run fails only on an
 * answer that is neither 2xx nor 503 (on SQLite only `server_busy`), or a `/health` that is not 200.
 *
 * `npx tsx scripts/bench-overload.ts [--bookings N] [--seconds S] [--max-pending N]`
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { ENDPOINTS } from '../src/api/contract';
import { REST_ROOT } from '../server/app';
import { benchRanges, flagValue, formatMs, percentile } from './benchSupport';
import { login } from './localBackend';

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Starts the command line and resolves with its origin once it serves. */
function startCli(args: readonly string[]): Promise<{ child: ChildProcess; origin: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /open (http:\/\/\S+)/.exec(stderr)?.[1];
      if (url) resolve({ child, origin: new URL(url).origin });
    });
    child.once('exit', (code) => reject(new Error(`The server exited (${code}):\n${stderr}`)));
  });
}

/** Asks `/health` every 200 ms until stopped; resolves with each answer's time and whether it was 200. */
function probeHealth(origin: string): { stop(): Promise<{ times: number[]; failures: number }> } {
  const times: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        const response = await fetch(`${origin}/health`, { signal: AbortSignal.timeout(30_000) });
        await response.text();
        if (response.status !== 200) failures += 1;
      } catch {
        failures += 1;
      }
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { times, failures };
    },
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const bookings = Number(flagValue(argv, '--bookings') ?? 200_000);
  const seconds = Number(flagValue(argv, '--seconds') ?? 10);
  const maxPending = flagValue(argv, '--max-pending');
  const folder = mkdtempSync(join(tmpdir(), 'booking-reports-overload-'));
  say(`Seeding ${bookings.toLocaleString('en-US')} bookings and starting the server…`);
  const { child, origin } = await startCli([
    '--db',
    join(folder, 'site.sqlite'),
    '--seed',
    String(bookings),
    '--port',
    '0',
    '--quiet',
    ...(maxPending ? ['--max-pending', maxPending] : []),
  ]);
  let failed = false;
  try {
    const session = await login({ origin });
    // The dashboard's first three requests, for the last 30 days.
    const [range] = benchRanges(Date.now());
    const paths = [
      `${ENDPOINTS.reports}?${range?.reports}`,
      `${ENDPOINTS.graph}?${range?.graph}`,
      ENDPOINTS.activities,
    ];
    const lines = [
      `== bench:overload — reference backend (SQLite, ${bookings.toLocaleString('en-US')} bookings), ` +
        `max pending ${maxPending ?? 'default'}, ${seconds} s per run, Node ${process.version}`,
    ];
    for (const connections of [50, 200]) {
      say(`${connections} connections for ${seconds} s…`);
      const health = probeHealth(origin);
      const result = await autocannon({
        url: origin,
        connections,
        duration: seconds,
        workers: 1,
        headers: { cookie: session.cookie, 'x-wp-nonce': session.nonce },
        requests: paths.map((path) => ({ method: 'GET', path: `${REST_ROOT}${path}` })),
      });
      // On SQLite the only 503 the server sends is `server_busy` (`db_unavailable` is MySQL's).
      const busy = result.statusCodeStats['503']?.count ?? 0;
      const other = result.non2xx - busy;
      const probes = await health.stop();
      if (other > 0 || probes.failures > 0) failed = true;
      lines.push(
        `   ${connections} connections: ${result.requests.average.toFixed(0)} requests/s, latency p50 ` +
          `${result.latency.p50} ms, p99 ${result.latency.p99} ms; answers: ${result['2xx']} × 200, ` +
          `${busy} × 503 server_busy, ${other} other; errors ${result.errors} (timeouts ${result.timeouts})`,
        `      /health (every 200 ms, ${probes.times.length} asked, ${probes.failures} not 200): p50 ` +
          `${formatMs(percentile(probes.times, 50))}, p99 ${formatMs(percentile(probes.times, 99))}, longest ` +
          `${formatMs(Math.max(...probes.times))}`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(folder, { recursive: true, force: true });
  }
  if (failed) say('Some answers were neither 200 nor 503 server_busy, or /health was not 200.');
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    say(String(error instanceof Error ? error.stack : error));
    process.exitCode = 1;
  },
);
