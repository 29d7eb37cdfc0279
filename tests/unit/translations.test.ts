// @vitest-environment node
import Tannin from 'tannin';
import { describe, expect, it } from 'vitest';
import { extractFromSource, extractStrings } from '../../scripts/extract-strings';
import type { ExtractedMessage } from '../../scripts/extract-strings';
import { createI18n } from '../../src/i18n';
import arJson from '../../src/i18n/locales/ar.json';
import deJson from '../../src/i18n/locales/de_DE.json';

const AR_PLURAL_FORMS =
  'nplurals=6; plural=(n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : n % 100 >= 3 && n % 100 <= 10 ? 3 : n % 100 >= 11 ? 4 : 5);';

const LOCALES = [
  {
    file: 'de_DE.json',
    json: deJson,
    lang: 'de_DE',
    pluralForms: 'nplurals=2; plural=(n != 1);',
    nplurals: 2,
  },
  { file: 'ar.json', json: arJson, lang: 'ar', pluralForms: AR_PLURAL_FORMS, nplurals: 6 },
] as const;

const { messages, problems } = extractStrings();

/** `%s`, `%d`, `%1$s`, … of a format string (`%%` is a literal percent sign, not a placeholder). */
function placeholders(format: string): Set<string> {
  return new Set(format.replace(/%%/g, '').match(/%(?:\d+\$)?[-+ 0#]*\d*(?:\.\d+)?[bcdeEfFgGiosuxX]/g) ?? []);
}

function missingFrom(translation: string, wanted: Iterable<string>): string[] {
  const present = placeholders(translation);
  return [...wanted].filter((placeholder) => !present.has(placeholder));
}

/**
 * For each plural form of a locale, how many counts it stands for (over 0‥1000): a form for exactly one number (German
 * "1", Arabic 0, 1 and 2) may say that number in words ("eine Minute", "ضيفان") instead of printing the count.
 */
function countsPerForm(pluralForms: string, nplurals: number): number[] {
  // `plural_forms` is the spelling Tannin's types accept; it reads the JSON's `plural-forms` just the same.
  const tannin = new Tannin({ messages: { '': { domain: 'messages', plural_forms: pluralForms } } });
  const counts = Array.from({ length: nplurals }, () => 0);
  for (let n = 0; n <= 1000; n++) {
    const form = tannin.getPluralForm('messages', n);
    counts[form] = (counts[form] ?? 0) + 1;
  }
  return counts;
}

/**
 * The placeholder that prints the count of an `_n()` string: the one only the plural has (`vs previous %s days`), or
 * the plural's only placeholder (`%s guests`). `undefined` when the strings do not tell.
 */
function countPlaceholder(message: ExtractedMessage): string | undefined {
  const single = placeholders(message.msgid);
  const plural = [...placeholders(message.plural ?? '')];
  const onlyInPlural = plural.filter((placeholder) => !single.has(placeholder));
  if (onlyInPlural.length === 1) return onlyInPlural[0];
  return onlyInPlural.length === 0 && plural.length === 1 ? plural[0] : undefined;
}

function entriesOf(json: (typeof LOCALES)[number]['json']): Record<string, unknown> {
  return json.locale_data.messages as Record<string, unknown>;
}

describe('extractFromSource', () => {
  it('returns __, _n and contexts from scripts and templates, with unescaped text and lines', () => {
    const vue = [
      '<script setup lang="ts">',
      'const { __, _n } = useI18n();',
      "const a = __('It\\'s \"quoted\"');",
      'const b = i18n._n(',
      "  '%d day',",
      "  '%d days',",
      '  count,',
      ');',
      "// __('Not in a comment')",
      '</script>',
      '<template>',
      "  <!-- {{ __('Not in an HTML comment') }} -->",
      `  <p :title="__('Last month', 'range preset')">{{ __("Say \\"hi\\"") }}</p>`,
      '</template>',
    ].join('\n');
    const scan = extractFromSource('src/Example.vue', vue);
    expect(scan.problems).toEqual([]);
    expect(scan.calls).toEqual([
      { msgid: 'It\'s "quoted"', reference: 'src/Example.vue:3' },
      { msgid: '%d day', plural: '%d days', reference: 'src/Example.vue:4' },
      { msgid: 'Last month', context: 'range preset', reference: 'src/Example.vue:13' },
      { msgid: 'Say "hi"', reference: 'src/Example.vue:13' },
    ]);
  });

  it('returns a problem for text that is not a string literal', () => {
    const scan = extractFromSource('src/lib/example.ts', "const label = __('Hello ' + name);\n__(key);");
    expect(scan.calls).toEqual([]);
    expect(scan.problems.map((problem) => problem.reference)).toEqual([
      'src/lib/example.ts:1',
      'src/lib/example.ts:2',
    ]);
  });
});

describe('extractStrings', () => {
  it('finds the dashboard strings in components, config, lib, charts and entries', () => {
    const keys = messages.map((message) => message.key);
    expect(keys).toContain('Retry');
    expect(keys).toContain('Total Bookings');
    expect(keys).toContain('range preset\u0004Last month');
    expect(keys).toContain('Week of %s');
    expect(keys).toContain(
      'Demo: every booking here is generated in your browser. Nothing is sent to a server.',
    );
    expect(messages.find((message) => message.msgid === '%s guest')?.plural).toBe('%s guests');
  });

  it('returns no call that string extraction cannot read', () => {
    expect(problems).toEqual([]);
  });
});

describe.each(LOCALES)('$file', ({ json, lang, pluralForms, nplurals }) => {
  const entries = entriesOf(json);
  const formCounts = countsPerForm(pluralForms, nplurals);

  it('has the header wp i18n make-json writes', () => {
    expect(json.domain).toBe('messages');
    expect(json.generator).toBe('booking-reports/extract-strings');
    expect(json['translation-revision-date']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[+-]\d{4}$/);
    expect(entries['']).toEqual({ domain: 'messages', lang, 'plural-forms': pluralForms });
  });

  it.each(messages.map((message) => [message.key, message] as const))('translates %j', (_key, message) => {
    const forms = entries[message.key];
    expect(Array.isArray(forms), `no translation of ${message.references.join(', ')}`).toBe(true);
    const translations = forms as unknown[];
    expect(translations).toHaveLength(message.plural === undefined ? 1 : nplurals);
    for (const translation of translations) {
      expect(typeof translation === 'string' && translation.trim() !== '').toBe(true);
    }
    const texts = translations as string[];
    const allowed = new Set([...placeholders(message.msgid), ...placeholders(message.plural ?? '')]);
    const count = message.plural === undefined ? undefined : countPlaceholder(message);
    texts.forEach((text, form) => {
      // A form for exactly one number may write that number as a word; every other placeholder must stay.
      const wanted = [...allowed].filter((placeholder) => placeholder !== count || formCounts[form] !== 1);
      expect(missingFrom(text, wanted), `form ${form}: ${text}`).toEqual([]);
      expect(
        [...placeholders(text)].filter((placeholder) => !allowed.has(placeholder)),
        `form ${form}: ${text}`,
      ).toEqual([]);
    });
  });

  it('has no translation of a string the sources no longer use', () => {
    const used = new Set(messages.map((message) => message.key));
    expect(Object.keys(entries).filter((key) => key !== '' && !used.has(key))).toEqual([]);
  });
});

describe('createI18n with the shipped translations', () => {
  it('returns the German word for Retry', () => {
    expect(createI18n('de_DE', deJson).__('Retry')).toBe('Erneut versuchen');
  });

  it('returns a context string and a German plural', () => {
    const i18n = createI18n('de_DE', deJson);
    expect(i18n.__('Last month', 'range preset')).toBe('Letzter Monat');
    expect(i18n.sprintf(i18n._n('%s guest', '%s guests', 3), '3')).toBe('3 Gäste');
  });

  it('reads Arabic right to left with its six plural forms', () => {
    const i18n = createI18n('ar', arJson);
    expect(i18n.dir).toBe('rtl');
    expect(i18n._n('%s guest', '%s guests', 2)).toBe('ضيفان');
    expect(i18n.sprintf(i18n._n('Every %d minute', 'Every %d minutes', 5), 5)).toBe('كل 5 دقائق');
    expect(i18n.sprintf(i18n._n('Every %d minute', 'Every %d minutes', 15), 15)).toBe('كل 15 دقيقة');
  });
});
