// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileMo, parsePo, phpStrings } from '../../scripts/gettext';

const WORDPRESS = join(import.meta.dirname, '../../wordpress');
const LANGUAGES = join(WORDPRESS, 'languages');

/** Every PHP file of the plugin, with its text. */
function phpFiles(dir = WORDPRESS): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? phpFiles(join(dir, entry.name))
      : entry.name.endsWith('.php')
        ? [readFileSync(join(dir, entry.name), 'utf8')]
        : [],
  );
}

/** Reads a `.mo` back: its msgid → msgstr pairs, as gettext (and WordPress's MO class) would look them up. */
function readMo(mo: Buffer): Map<string, string> {
  expect(mo.readUInt32LE(0)).toBe(0x950412de);
  const count = mo.readUInt32LE(8);
  const originals = mo.readUInt32LE(12);
  const translations = mo.readUInt32LE(16);
  const at = (table: number, index: number) => {
    const length = mo.readUInt32LE(table + index * 8);
    const offset = mo.readUInt32LE(table + index * 8 + 4);
    expect(mo[offset + length]).toBe(0);
    return mo.subarray(offset, offset + length);
  };
  const ids = Array.from({ length: count }, (_, index) => at(originals, index));
  // Sorted by bytes: gettext finds a message by binary search.
  expect([...ids].sort(Buffer.compare)).toEqual(ids);
  return new Map(ids.map((id, index) => [id.toString('utf8'), at(translations, index).toString('utf8')]));
}

describe('the PHP strings’ translations', () => {
  const strings = [...new Set(phpFiles().flatMap((php) => phpStrings(php, 'booking-reports')))];
  const poFiles = readdirSync(LANGUAGES).filter((name) => name.endsWith('.po'));

  it('finds the PHP strings and ships German and Arabic', () => {
    expect(strings).toEqual(expect.arrayContaining(['Reports', 'Booking Reports', 'View all reports']));
    expect(poFiles.sort()).toEqual(['booking-reports-ar.po', 'booking-reports-de_DE.po']);
  });

  it.each(['booking-reports-ar.po', 'booking-reports-de_DE.po'])(
    '%s translates every PHP string, no other',
    (file) => {
      const po = parsePo(readFileSync(join(LANGUAGES, file), 'utf8'), file);
      expect(po.messages.map(([id]) => id).sort()).toEqual([...strings].sort());
      expect(po.header).toContain('Content-Type: text/plain; charset=UTF-8');
      for (const [id, translation] of po.messages) expect(translation, id).not.toBe(id);
    },
  );

  it('compiles a PO file into a .mo that reads back the same messages, header under ""', () => {
    const po = parsePo(
      [
        '# a comment',
        'msgid ""',
        'msgstr ""',
        '"Language: de_DE\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '',
        'msgid "Reports"',
        'msgstr "Berichte"',
        '',
        'msgid "Say \\"hi\\""',
        'msgstr "Sag \\"hallo\\" – grüß dich"',
        '',
        'msgid "Untranslated"',
        'msgstr ""',
      ].join('\n'),
    );

    const messages = readMo(compileMo(po));

    expect(messages).toEqual(
      new Map([
        ['', 'Language: de_DE\nContent-Type: text/plain; charset=UTF-8\n'],
        ['Reports', 'Berichte'],
        ['Say "hi"', 'Sag "hallo" – grüß dich'],
      ]),
    );
  });

  it('names the line it cannot read', () => {
    expect(() => parsePo('msgid "a"\nmsgstr "b"\nnonsense', 'x.po')).toThrow('x.po:3');
    expect(() => parsePo('msgstr "b"', 'y.po')).toThrow('y.po:1: msgstr without its msgid');
  });
});
