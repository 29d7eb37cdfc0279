/**
 * A private MariaDB server for tests: a fresh data folder (`mariadb-install-db`), `mariadbd` on 127.0.0.1 and a free
 * port, an owner user (schema and seed data) and a read-only user (`GRANT SELECT`) for databases named `br_…`.
 * It can be stopped, frozen and started again mid-test (the outage tests), and is stopped by PID and deleted at the
 * end. Nothing of the machine's own MariaDB (service, config files, data) is used or touched.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createConnection } from 'mysql2/promise';

/** The two accounts every test server has, with rights on every database named `br_…`. */
const ACCOUNTS = {
  /** Creates databases and tables and writes the test rows. */
  owner: { user: 'br_owner', password: 'owner-secret' },
  /** `SELECT` only: what the reference backend needs on a WordPress database. */
  reader: { user: 'br_reader', password: 'reader-secret' },
} as const;

/** What the global setup hands the test files: where the server listens and as whom to connect. */
export interface MariadbInfo {
  /** TCP port on 127.0.0.1. */
  port: number;
  /** `mysql://br_owner:…@127.0.0.1:<port>`; append `/<database>`. */
  ownerUrl: string;
  /** `mysql://br_reader:…@127.0.0.1:<port>`; append `/<database>`. */
  readerUrl: string;
}

/** A running private server. */
export interface MariadbServer {
  info: MariadbInfo;
  /** The server's process id while it runs. */
  pid(): number | undefined;
  /** Stops the server (SIGTERM, then SIGKILL after 30 s) and waits until it has exited. */
  stop(): Promise<void>;
  /** Starts the stopped server again on the same data and port, and waits until it accepts connections. */
  start(): Promise<void>;
  /** SIGSTOP: the server keeps its sockets but answers nothing, like a hung or unreachable host. */
  freeze(): void;
  /** SIGCONT after {@link freeze}. */
  thaw(): void;
  /** Stops the server and deletes its data folder. */
  destroy(): Promise<void>;
}

const INSTALL_HINT =
  'The MariaDB suite starts its own private server and needs MariaDB installed (no service has to run): ' +
  "on Debian or Ubuntu `apt-get install mariadb-server`, elsewhere your package manager's MariaDB server " +
  'package. Set MARIADBD (and MARIADB_INSTALL_DB) to the programs if they are not in PATH or /usr/sbin.';

/** A program from the environment variable, PATH, or the sbin folders (which a non-root PATH often lacks). */
function findProgram(variable: string, names: readonly string[]): string {
  const given = process.env[variable];
  if (given) {
    if (existsSync(given)) return given;
    throw new Error(`${variable}=${given} does not exist. ${INSTALL_HINT}`);
  }
  const folders = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/bin'];
  for (const folder of folders) {
    for (const name of names) {
      const candidate = join(folder, name);
      if (folder !== '' && existsSync(candidate)) return candidate;
    }
  }
  throw new Error(`${names[0]} was not found. ${INSTALL_HINT}`);
}

/** Whether {@link startMariadb} finds its two programs (`mariadbd` and `mariadb-install-db`, or their old names). */
export function mariadbInstalled(): boolean {
  try {
    findProgram('MARIADBD', ['mariadbd', 'mysqld']);
    findProgram('MARIADB_INSTALL_DB', ['mariadb-install-db', 'mysql_install_db']);
    return true;
  } catch {
    return false;
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Root on the server's own socket, which `--auth-root-authentication-method=normal` leaves without a password. */
async function asRoot<T>(socketPath: string, work: (run: (sql: string) => Promise<unknown>) => Promise<T>) {
  const connection = await createConnection({ socketPath, user: 'root', connectTimeout: 2000 });
  try {
    return await work((sql) => connection.query(sql));
  } finally {
    await connection.end();
  }
}

/**
 * Installs and starts a private MariaDB with the two {@link ACCOUNTS}.
 * @param options.bufferPool InnoDB's buffer pool (`innodb_buffer_pool_size`, e.g. `2G`): small for test data, the
 * size of a site's data for a benchmark that reads a million bookings. @default '256M'
 * @throws Error saying how to install MariaDB when `mariadbd` or `mariadb-install-db` is missing.
 */
export async function startMariadb({
  bufferPool = '256M',
}: { bufferPool?: string } = {}): Promise<MariadbServer> {
  const mariadbd = findProgram('MARIADBD', ['mariadbd', 'mysqld']);
  const installDb = findProgram('MARIADB_INSTALL_DB', ['mariadb-install-db', 'mysql_install_db']);
  const folder = mkdtempSync(join(tmpdir(), 'br-mariadb-'));
  const dataDir = join(folder, 'data');
  const socketPath = join(folder, 'mysqld.sock');
  const errorLog = join(folder, 'error.log');
  // mariadbd refuses to run as root unless told to; as any other user the option is ignored.
  const asUser = process.getuid?.() === 0 ? ['--user=root'] : [];

  const install = spawnSync(
    installDb,
    [
      '--no-defaults',
      `--datadir=${dataDir}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      ...asUser,
    ],
    { encoding: 'utf8' },
  );
  if (install.status !== 0) {
    rmSync(folder, { recursive: true, force: true });
    throw new Error(`${installDb} failed:\n${install.stdout}\n${install.stderr}`);
  }

  const port = await freePort();
  const args = [
    '--no-defaults',
    `--datadir=${dataDir}`,
    `--socket=${socketPath}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--pid-file=${join(folder, 'mysqld.pid')}`,
    `--log-error=${errorLog}`,
    '--skip-name-resolve',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_520_ci',
    // Test data needs no durability: no fsync per commit, no doublewrite.
    '--innodb-flush-log-at-trx-commit=0',
    '--innodb-doublewrite=0',
    `--innodb-buffer-pool-size=${bufferPool}`,
    // Containers often forbid Linux native AIO; the simulated one works everywhere.
    '--innodb-use-native-aio=0',
    ...asUser,
  ];

  let child: ChildProcess | undefined;
  const killOnExit = (): void => {
    child?.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  async function start(): Promise<void> {
    const started = spawn(mariadbd, args, { stdio: 'ignore' });
    child = started;
    let exited = false;
    started.once('exit', () => {
      exited = true;
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (exited) {
        const log = existsSync(errorLog) ? readFileSync(errorLog, 'utf8').slice(-3000) : '';
        throw new Error(`mariadbd exited while starting. ${INSTALL_HINT}\n${log}`);
      }
      try {
        await asRoot(socketPath, async () => undefined);
        return;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`mariadbd did not accept connections: ${String(error)}`, { cause: error });
        }
        await delay(100);
      }
    }
  }

  async function stop(): Promise<void> {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGCONT');
    running.kill('SIGTERM');
    const forced = setTimeout(() => running.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(forced);
  }

  try {
    await start();
    await asRoot(socketPath, async (run) => {
      for (const { user, password } of Object.values(ACCOUNTS)) {
        await run(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
      }
      // `br\_%`: every database whose name starts with `br_`, so each test file makes its own.
      await run(`GRANT ALL PRIVILEGES ON \`br\\_%\`.* TO '${ACCOUNTS.owner.user}'@'%'`);
      await run(`GRANT SELECT ON \`br\\_%\`.* TO '${ACCOUNTS.reader.user}'@'%'`);
    });
  } catch (error) {
    await stop();
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }

  const url = ({ user, password }: { user: string; password: string }): string =>
    `mysql://${user}:${password}@127.0.0.1:${port}`;
  return {
    info: { port, ownerUrl: url(ACCOUNTS.owner), readerUrl: url(ACCOUNTS.reader) },
    pid: () => child?.pid,
    stop,
    start,
    freeze: () => child?.kill('SIGSTOP'),
    thaw: () => child?.kill('SIGCONT'),
    async destroy() {
      await stop();
      process.removeListener('exit', killOnExit);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
