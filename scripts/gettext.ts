/**
 * The plugin's PHP strings for WordPress: `wordpress/languages/<domain>-<locale>.po` (what translators edit) read and
 * written as the `.mo` file load_plugin_textdomain() loads. Only what our PO files use: one msgid and one msgstr per
 * entry (no plurals, no contexts), `#` comments, continued `"…"` lines and C escapes.
 */

/** One PO file: its header fields and its messages. */
export interface PoFile {
  /** The `msgid ""` entry's text, e.g. `Language: de_DE\nContent-Type: text/plain; charset=UTF-8\n`. */
  header: string;
  /** Each msgid with its translation, in file order; untranslated entries (`msgstr ""`) are left out. */
  messages: [msgid: string, msgstr: string][];
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', '"': '"', '\\': '\\' };

function unquote(text: string, where: string): string {
  const match = /^"((?:[^"\\]|\\.)*)"$/.exec(text.trim());
  if (!match) throw new Error(`${where}: expected a quoted string, found ${text.trim()}`);
  return match[1]!.replace(/\\(.)/g, (_all, character: string) => {
    const value = ESCAPES[character];
    if (value === undefined) throw new Error(`${where}: unknown escape \\${character}`);
    return value;
  });
}

/**
 * Reads a PO file.
 *
 * @throws Error naming the line when a line is not a comment, `msgid`, `msgstr` or a continued string.
 */
export function parsePo(text: string, name = 'PO file'): PoFile {
  const entries: { msgid: string; msgstr: string }[] = [];
  let current: { msgid: string; msgstr: string } | undefined;
  let field: 'msgid' | 'msgstr' | undefined;
  text.split(/\r?\n/).forEach((line, index) => {
    const where = `${name}:${index + 1}`;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const keyword = /^(msgid|msgstr)\s+(.*)$/.exec(trimmed);
    if (keyword) {
      if (keyword[1] === 'msgid') {
        current = { msgid: '', msgstr: '' };
        entries.push(current);
      } else if (!current || field !== 'msgid') throw new Error(`${where}: msgstr without its msgid`);
      field = keyword[1] as 'msgid' | 'msgstr';
      current[field] = unquote(keyword[2]!, where);
    } else if (trimmed.startsWith('"') && current && field) {
      current[field] += unquote(trimmed, where);
    } else {
      throw new Error(`${where}: cannot read ${trimmed}`);
    }
  });
  const header = entries.find((entry) => entry.msgid === '')?.msgstr ?? '';
  return {
    header,
    messages: entries
      .filter((entry) => entry.msgid !== '' && entry.msgstr !== '')
      .map((entry) => [entry.msgid, entry.msgstr]),
  };
}

/**
 * Writes a GNU `.mo` file (little-endian, no hash table): the header as the translation of `""`, then every message,
 * sorted by msgid as gettext requires for its binary search.
 */
export function compileMo(po: PoFile): Buffer {
  const pairs: [Buffer, Buffer][] = [['', po.header] as [string, string], ...po.messages]
    .map(([id, str]): [Buffer, Buffer] => [Buffer.from(id, 'utf8'), Buffer.from(str, 'utf8')])
    .sort(([a], [b]) => Buffer.compare(a, b));
  const count = pairs.length;
  const headerSize = 28;
  const originals = headerSize;
  const translations = originals + count * 8;
  let offset = translations + count * 8;
  const tables = Buffer.alloc(headerSize + count * 16);
  tables.writeUInt32LE(0x950412de, 0);
  tables.writeUInt32LE(0, 4); // revision
  tables.writeUInt32LE(count, 8);
  tables.writeUInt32LE(originals, 12);
  tables.writeUInt32LE(translations, 16);
  tables.writeUInt32LE(0, 20); // hash table size
  tables.writeUInt32LE(offset, 24); // hash table offset (empty)
  const strings: Buffer[] = [];
  for (const [column, table] of [
    [0, originals],
    [1, translations],
  ] as const) {
    pairs.forEach((pair, index) => {
      const bytes = pair[column];
      tables.writeUInt32LE(bytes.length, table + index * 8);
      tables.writeUInt32LE(offset, table + index * 8 + 4);
      strings.push(bytes, Buffer.from([0]));
      offset += bytes.length + 1;
    });
  }
  return Buffer.concat([tables, ...strings]);
}

/** The strings the plugin's PHP translates: the first argument of `__()`, `esc_html__()`, `esc_attr__()`, `_e()`… */
export function phpStrings(php: string, domain: string): string[] {
  const call =
    /\b(?:__|_e|esc_html__|esc_html_e|esc_attr__|esc_attr_e)\(\s*'((?:[^'\\]|\\.)*)'\s*,\s*'([^']+)'\s*\)/g;
  return [...php.matchAll(call)]
    .filter((match) => match[2] === domain)
    .map((match) => match[1]!.replace(/\\(['\\])/g, '$1'));
}
