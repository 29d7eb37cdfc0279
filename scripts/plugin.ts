/**
 * `npm run plugin`: builds the WordPress plugin's zip, `dist/plugin/booking-reports-<version>.zip`.
 *
 * The zip holds one folder, `booking-reports/`: the PHP of `wordpress/` as it is, and what the build makes:
 * - `assets/booking-reports.js`, the host-page module (`dist/booking-reports.iife.js`), and
 *   `assets/booking-reports.asset.php`, which returns its content hash as @wordpress/scripts' asset files do;
 * - `demo/`, the standalone demo (`dist/demo/`), which the plugin links to when the booking plugin is missing;
 * - `languages/booking-reports-<locale>-<md5>.json`, one per `src/i18n/locales/<locale>.json`, named and shaped as
 *   `wp i18n make-json` writes them, so that load_script_textdomain() finds them;
 * - `languages/booking-reports-<locale>.mo`, the PHP's strings, compiled from `wordpress/languages/*.po` (which ship
 *   beside them) for load_plugin_textdomain().
 *
 * Runs `npm run build` first when `dist/` is missing or older than the sources. Refuses to build when the plugin's
 * version (header, constant, readme.txt's "Stable tag") differs from package.json's. The zip is the same byte for
 * byte for the same inputs (sorted entries, fixed times and modes, no extra fields; `SOURCE_DATE_EPOCH` sets the
 * time). Needs the `zip` command (Debian: `apt-get install zip`).
 *
 * `npx tsx scripts/plugin.ts`
 */
import { execFileSync, execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileMo, parsePo } from './gettext';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

/** The plugin's folder name in `wp-content/plugins/`, and its text domain. */
export const PLUGIN_SLUG = 'booking-reports';

/** The dashboard script's path inside the plugin folder: the path whose md5 names its translation files. */
export const SCRIPT_PATH = 'assets/booking-reports.js';

/** The build's facts about the script, beside it (`<name>.asset.php`, as @wordpress/scripts names it). */
export const SCRIPT_ASSET_PATH = 'assets/booking-reports.asset.php';

/** The time every entry of the zip carries unless `SOURCE_DATE_EPOCH` says otherwise: 2000-01-01 00:00:00 UTC. */
const DEFAULT_ENTRY_TIME = 946_684_800;

/** What `npm run build` makes that the zip needs, relative to the project. */
const BUILD_OUTPUTS = ['dist/booking-reports.iife.js', 'dist/demo/index.html'];

/** What the build reads: a change in any of these makes `dist/` stale. */
const BUILD_SOURCES = ['src', 'public', 'index.html', 'widget.html', 'vite.config.ts', 'package-lock.json'];

/**
 * The name WordPress gives a script's translation file: `<domain>-<locale>-<md5 of the script's path>.json`.
 *
 * load_script_textdomain() (wp-includes/l10n.php) makes the script's URL relative to its plugin folder, turns a
 * trailing `.min.js` into `.js`, and looks for `$domain . '-' . $locale . '-' . md5( $relative ) . '.json'`, first
 * in the folder the plugin passes, then in `wp-content/languages/plugins/`. `wp i18n make-json` writes that name.
 *
 * @param locale WordPress locale, e.g. `de_DE`.
 * @param scriptPath The script's path relative to the plugin folder. @default SCRIPT_PATH
 */
export function scriptTranslationFileName(locale: string, scriptPath: string = SCRIPT_PATH): string {
  const relativePath = scriptPath.replace(/\.min\.js$/, '.js');
  return `${PLUGIN_SLUG}-${locale}-${createHash('md5').update(relativePath).digest('hex')}.json`;
}

/** One domain of Jed 1.x locale data: the header under `""`, then each msgid with its translations. */
type JedMessages = Record<string, unknown>;

/**
 * Checks one of our locale files (`src/i18n/locales/*.json`) and writes it as `wp i18n make-json` does: Jed 1.x,
 * domain `messages`, the script's path under `source`, on one line. load_script_textdomain() returns this text, and
 * the dashboard's `translations` option takes what json_decode() makes of it.
 *
 * @param json The locale file's text.
 * @param file Its name, for error messages.
 */
export function toScriptTranslations(json: string, file: string): string {
  const data = JSON.parse(json) as {
    'translation-revision-date'?: unknown;
    domain?: unknown;
    locale_data?: { messages?: JedMessages };
  };
  const messages = data.locale_data?.messages;
  if (data.domain !== 'messages' || !messages || typeof messages !== 'object') {
    throw new Error(`${file}: not Jed 1.x locale data with the domain "messages"`);
  }
  const header = messages[''] as { 'plural-forms'?: unknown; plural_forms?: unknown } | undefined;
  if (!header || typeof header !== 'object' || !(header['plural-forms'] ?? header.plural_forms)) {
    throw new Error(`${file}: the "" entry must carry the plural forms`);
  }
  for (const [msgid, translations] of Object.entries(messages)) {
    if (msgid === '') continue;
    if (!Array.isArray(translations) || !translations.every((text) => typeof text === 'string')) {
      throw new Error(`${file}: the translations of "${msgid}" are not a list of strings`);
    }
  }
  return JSON.stringify({
    'translation-revision-date': data['translation-revision-date'],
    generator: 'booking-reports/plugin',
    source: SCRIPT_PATH,
    domain: 'messages',
    locale_data: { messages },
  });
}

/** The plugin's version as each place that states it says it. */
export interface StatedVersions {
  'package.json': string | undefined;
  'booking-reports.php header': string | undefined;
  BOOKING_REPORTS_VERSION: string | undefined;
  'readme.txt Stable tag': string | undefined;
}

/**
 * Reads the version from package.json, the plugin header, the plugin's version constant and readme.txt.
 * @param root The project folder.
 */
export function statedVersions(root: string = ROOT): StatedVersions {
  const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  const main = readFileSync(join(root, 'wordpress', `${PLUGIN_SLUG}.php`), 'utf8');
  const readme = readFileSync(join(root, 'wordpress', 'readme.txt'), 'utf8');
  return {
    'package.json': packageJson.version,
    'booking-reports.php header': /^[ \t/*#@]*Version:\s*(\S+)/m.exec(main)?.[1],
    BOOKING_REPORTS_VERSION: /define\(\s*'BOOKING_REPORTS_VERSION',\s*'([^']+)'\s*\)/.exec(main)?.[1],
    'readme.txt Stable tag': /^Stable tag:\s*(\S+)/m.exec(readme)?.[1],
  };
}

function newestChange(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

function buildIfStale(): void {
  const builtAt = Math.min(
    ...BUILD_OUTPUTS.map((path) => (existsSync(join(ROOT, path)) ? statSync(join(ROOT, path)).mtimeMs : 0)),
  );
  const sourcesAt = Math.max(
    ...BUILD_SOURCES.filter((path) => existsSync(join(ROOT, path))).map((path) =>
      newestChange(join(ROOT, path)),
    ),
  );
  if (builtAt >= sourcesAt) return;
  console.info(builtAt ? 'Sources changed since the last build: building…' : 'Building the dashboard…');
  execSync('npm run build', { cwd: ROOT, stdio: 'inherit' });
}

/** Every file and folder under `dir`, relative to it with `/` separators, folders ending in `/`, sorted. */
function listEntries(dir: string): string[] {
  const entries: string[] = [];
  const walk = (path: string): void => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      const entry = relative(dir, full).split(sep).join('/');
      if (statSync(full).isDirectory()) {
        entries.push(`${entry}/`);
        walk(full);
      } else {
        entries.push(entry);
      }
    }
  };
  walk(dir);
  // Byte order, not the locale's: the same list on every machine.
  return entries.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Lays out `booking-reports/` in `stage`: the PHP, the built script and its asset file, the demo, the translations. */
function stagePlugin(stage: string): string {
  const plugin = join(stage, PLUGIN_SLUG);
  // Dot files (an editor's, a stray .DS_Store) stay out of the zip.
  cpSync(join(ROOT, 'wordpress'), plugin, {
    recursive: true,
    filter: (path) => !basename(path).startsWith('.'),
  });

  const script = readFileSync(join(ROOT, 'dist/booking-reports.iife.js'));
  mkdirSync(join(plugin, 'assets'), { recursive: true });
  writeFileSync(join(plugin, SCRIPT_PATH), script);
  // The hash part of the script's version: its URL changes exactly when its bytes do (20 hex digits, as
  // @wordpress/scripts writes).
  const hash = createHash('sha256').update(script).digest('hex').slice(0, 20);
  writeFileSync(
    join(plugin, SCRIPT_ASSET_PATH),
    [
      '<?php',
      '/**',
      ` * Generated by scripts/plugin.ts from ${SCRIPT_PATH}: do not edit.`,
      ' *',
      ' * @package BookingReports',
      ' */',
      '',
      "defined( 'ABSPATH' ) || exit;",
      '',
      `return array(`,
      `\t'dependencies' => array(),`,
      `\t'version'      => '${hash}',`,
      `);`,
      '',
    ].join('\n'),
  );

  cpSync(join(ROOT, 'dist/demo'), join(plugin, 'demo'), { recursive: true });

  mkdirSync(join(plugin, 'languages'), { recursive: true });
  const locales = join(ROOT, 'src/i18n/locales');
  for (const file of readdirSync(locales).filter((name) => name.endsWith('.json'))) {
    const locale = file.slice(0, -'.json'.length);
    const json = toScriptTranslations(readFileSync(join(locales, file), 'utf8'), `src/i18n/locales/${file}`);
    writeFileSync(join(plugin, 'languages', scriptTranslationFileName(locale)), json);
  }
  // The PHP's own strings (menu, widget title, notices): each `wordpress/languages/*.po` as the `.mo` beside it.
  for (const file of readdirSync(join(plugin, 'languages')).filter((name) => name.endsWith('.po'))) {
    const po = parsePo(readFileSync(join(plugin, 'languages', file), 'utf8'), `wordpress/languages/${file}`);
    writeFileSync(join(plugin, 'languages', `${file.slice(0, -'.po'.length)}.mo`), compileMo(po));
  }
  return plugin;
}

/** Gives every entry the same time and plain modes, so the zip depends on content alone. */
function normalise(stage: string, entries: readonly string[], seconds: number): void {
  // Deepest first: setting a file's time must not be undone by writing into its folder afterwards.
  for (const entry of [...entries].reverse()) {
    const path = join(stage, entry);
    chmodSync(path, entry.endsWith('/') ? 0o755 : 0o644);
    utimesSync(path, seconds, seconds);
  }
}

function zip(stage: string, entries: readonly string[], output: string): void {
  rmSync(output, { force: true }); // zip adds to an existing archive; start from nothing.
  try {
    // -X: no extra fields (uid/gid, extended times); TZ=UTC: the DOS times in the entries do not depend on the zone.
    execFileSync('zip', ['-X', '-9', '-q', output, '-@'], {
      cwd: stage,
      input: entries.join('\n'),
      env: { ...process.env, TZ: 'UTC' },
      stdio: ['pipe', 'inherit', 'inherit'],
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('the `zip` command is missing (Debian: apt-get install zip)', { cause: error });
    }
    throw error;
  }
}

function main(): number {
  const versions = statedVersions();
  const version = versions['package.json'];
  const mismatches = Object.entries(versions).filter(([, stated]) => stated !== version);
  if (!version || mismatches.length > 0) {
    console.error(
      `The plugin's version must be package.json's (${version ?? 'missing'}) everywhere:\n` +
        Object.entries(versions)
          .map(([where, stated]) => `  ${where}: ${stated ?? 'missing'}`)
          .join('\n'),
    );
    return 1;
  }

  buildIfStale();

  const stage = mkdtempSync(join(tmpdir(), 'booking-reports-plugin-'));
  try {
    stagePlugin(stage);
    const entries = listEntries(stage);
    const epoch = Number(process.env.SOURCE_DATE_EPOCH);
    normalise(stage, entries, Number.isInteger(epoch) && epoch > 315_532_800 ? epoch : DEFAULT_ENTRY_TIME);

    const outputDir = join(ROOT, 'dist/plugin');
    mkdirSync(outputDir, { recursive: true });
    const output = join(outputDir, `${PLUGIN_SLUG}-${version}.zip`);
    zip(stage, entries, output);

    const languages = entries.filter(
      (entry) => entry.startsWith(`${PLUGIN_SLUG}/languages/`) && !entry.endsWith('/'),
    );
    console.info(
      `${relative(ROOT, output)}: ${entries.filter((entry) => !entry.endsWith('/')).length} files, ` +
        `${(statSync(output).size / 1000).toFixed(1)} kB\n` +
        languages.map((entry) => `  ${entry}`).join('\n'),
    );
    return 0;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main();
}
