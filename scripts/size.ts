/**
 * `npm run size`: builds (unless `--no-build`), then prints the raw, gzip and brotli size of every file in `dist/`
 * and the total of the host-page module (its JS plus any CSS it ships), once per format.
 *
 * Exits 1 when either format of the host-page module is over {@link HOST_MODULE_BUDGET_BYTES} gzip. Sizes are
 * deterministic for a given lockfile, so this is a budget CI can enforce, not a timing. With `--no-build` it still
 * builds when `dist/` has no host-page module yet.
 *
 * `npx tsx scripts/size.ts [--no-build] [--markdown]`; `--markdown` prints the table as Markdown (for the README).
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * The host-page module's gzip budget, JS + CSS: 149 kB, counted as 149,000 bytes (the stricter reading of "KB").
 * It was 140 kB until issue #11's trust features (computed comparisons, tile help, the graph's own view of a real
 * site's answers, its PNG with title and legend) grew the dashboard's own code by about 5 kB, with vue-chartjs, the
 * chart binding the product is specified with, kept; 144 kB until issue #15's printable report, previous period on
 * the graph (chart, legend, table, CSV and PNG naming both windows) and no-show tile added about 2.5 kB of it; 146 kB
 * until its filters (the namespace index read once, the choices, three selects, every request narrowed) and demand
 * heatmap (grid, table and summary) added about 3 kB more.
 */
const HOST_MODULE_BUDGET_BYTES = 149_000;

/** The host-page module's JS files, one per format, relative to `dist/`. */
const HOST_MODULE_FILES = ['booking-reports.iife.js', 'booking-reports.js'] as const;

/** The sizes of one file. */
interface ArtefactSize {
  /** Path relative to `dist/`, with `/` separators. */
  path: string;
  /** Bytes on disk. */
  raw: number;
  /** Bytes after gzip at level 9. */
  gzip: number;
  /** Bytes after brotli at quality 11. */
  brotli: number;
}

/**
 * The three sizes of some bytes.
 * @param path The name to report them under.
 * @param bytes The file's content.
 */
function measure(path: string, bytes: Buffer): ArtefactSize {
  return {
    path,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(folder, entry.name);
      return entry.isDirectory() ? filesUnder(path) : [path];
    })
    .sort();
}

/**
 * Every file under `distDir`, measured, in path order.
 * @param distDir The build's output folder.
 */
function measureDist(distDir: string): ArtefactSize[] {
  return filesUnder(distDir).map((file) =>
    measure(relative(distDir, file).split('\\').join('/'), readFileSync(file)),
  );
}

/** One format of the host-page module: its JS file plus the CSS files next to it, summed. */
interface ModuleTotal {
  /** The JS file, relative to `dist/`. */
  script: string;
  /** The files counted, JS first. */
  files: string[];
  raw: number;
  gzip: number;
  brotli: number;
}

/**
 * The host-page module's totals, one per format. The CSS is inlined into the JS today (it is injected into the
 * shadow root); a top-level `.css` file, should a build ever emit one, is counted with each format.
 * @param sizes What {@link measureDist} returned.
 */
function hostModuleTotals(sizes: readonly ArtefactSize[]): ModuleTotal[] {
  const css = sizes.filter((size) => !size.path.includes('/') && size.path.endsWith('.css'));
  return HOST_MODULE_FILES.flatMap((script) => {
    const js = sizes.find((size) => size.path === script);
    if (!js) return [];
    const parts = [js, ...css];
    const sum = (key: 'raw' | 'gzip' | 'brotli'): number =>
      parts.reduce((total, part) => total + part[key], 0);
    return [
      {
        script,
        files: parts.map((part) => part.path),
        raw: sum('raw'),
        gzip: sum('gzip'),
        brotli: sum('brotli'),
      },
    ];
  });
}

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

/**
 * The size table, plain or as Markdown.
 * @param rows File sizes and module totals.
 * @param markdown Markdown table instead of aligned columns.
 */
function formatTable(
  rows: readonly { path: string; raw: number; gzip: number; brotli: number }[],
  markdown: boolean,
): string {
  const header = ['File', 'Raw', 'Gzip (9)', 'Brotli (11)'];
  const body = rows.map((row) => [row.path, kB(row.raw), kB(row.gzip), kB(row.brotli)]);
  if (markdown) {
    return [
      `| ${header.join(' | ')} |`,
      '| --- | ---: | ---: | ---: |',
      ...body.map((cells) => `| ${cells.join(' | ')} |`),
    ].join('\n');
  }
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  return [line(header), ...body.map(line)].join('\n');
}

function main(argv: readonly string[]): number {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const distDir = join(root, 'dist');
  const hasModule = HOST_MODULE_FILES.every((file) => existsSync(join(distDir, file)));
  if (!argv.includes('--no-build') || !hasModule) {
    process.stderr.write('Building (npm run build)…\n');
    execSync('npm run build', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  if (!existsSync(distDir) || !statSync(distDir).isDirectory()) {
    process.stderr.write('No dist/ folder after the build.\n');
    return 1;
  }
  const markdown = argv.includes('--markdown');
  const sizes = measureDist(distDir);
  const totals = hostModuleTotals(sizes);
  const out: string[] = [
    '== Sizes of dist/ (kB = 1,000 bytes)',
    formatTable(sizes, markdown),
    '',
    `== Host-page module, JS + CSS (budget: ${kB(HOST_MODULE_BUDGET_BYTES)} gzip)`,
    formatTable(
      totals.map((total) => ({ ...total, path: total.files.join(' + ') })),
      markdown,
    ),
  ];
  let failed = totals.length < HOST_MODULE_FILES.length;
  if (failed) out.push(`Missing from dist/: ${HOST_MODULE_FILES.join(', ')} expected.`);
  for (const total of totals) {
    const margin = HOST_MODULE_BUDGET_BYTES - total.gzip;
    const verdict =
      margin >= 0
        ? `within budget, ${kB(margin)} to spare`
        : `OVER BUDGET by ${kB(-margin)} (${(-margin).toLocaleString('en-US')} bytes)`;
    out.push(`${total.script}: ${kB(total.gzip)} gzip, ${verdict}`);
    if (margin < 0) failed = true;
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return failed ? 1 : 0;
}

// Run as a command, not when a test imports the functions above.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
