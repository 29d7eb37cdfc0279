import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sanitizeSvg, titleToText } from '../../src/lib/sanitize';
import { activeContent, SVG_PAYLOADS, TEXT_PAYLOADS } from '../components/safety';
import realReports from './api/fixtures/real-site/reports_no_params.json';

/** Renders markup the way `v-html` does, so the test sees what the browser would build. */
function render(markup: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = markup;
  return host;
}

const realIcons = realReports.body.overview.map((widget) => widget.icon);

describe('sanitizeSvg', () => {
  it('returns the real site’s icons with every shape, sized by CSS and hidden from assistive technology', () => {
    for (const icon of realIcons) {
      const host = render(sanitizeSvg(icon));
      const svg = host.querySelector('svg')!;
      expect(host.children).toHaveLength(1);
      expect(svg.querySelectorAll('path')).toHaveLength(render(icon).querySelectorAll('path').length);
      expect(svg.getAttribute('viewBox')).toBe('0 0 40 40');
      expect(svg.hasAttribute('width')).toBe(false);
      expect(svg.hasAttribute('height')).toBe(false);
      expect(svg.getAttribute('aria-hidden')).toBe('true');
      expect(svg.getAttribute('focusable')).toBe('false');
    }
  });

  it('returns no focusable part inside the hidden icon', () => {
    const host = render(sanitizeSvg('<svg tabindex="0"><circle tabindex="0" autofocus r="1"/></svg>'));
    expect(host.querySelectorAll('[tabindex], [autofocus]')).toHaveLength(0);
  });

  it('returns a viewBox made from width and height when the server sent none', () => {
    const svg = render(
      sanitizeSvg('<svg width="32" height="16"><rect width="4" height="4"/></svg>'),
    ).firstElementChild!;
    expect(svg.getAttribute('viewBox')).toBe('0 0 32 16');
  });

  it('returns nothing when no drawable svg is left', () => {
    expect(sanitizeSvg('')).toBe('');
    expect(sanitizeSvg('<svg>...</svg>')).toBe('');
    expect(sanitizeSvg('just text')).toBe('');
    expect(sanitizeSvg('<img src=x onerror=alert(1)>')).toBe('');
    expect(sanitizeSvg('<svg><script>alert(1)</script></svg>')).toBe('');
  });

  it('returns the svg out of an HTML wrapper, without the wrapper', () => {
    const host = render(sanitizeSvg('<div onclick="alert(1)"><svg><circle r="1"/></svg></div>'));
    expect(host.children).toHaveLength(1);
    expect(host.firstElementChild!.localName).toBe('svg');
  });

  it('returns drawn text and drops stray text', () => {
    const host = render(sanitizeSvg('<svg>stray<text x="0" y="10">12</text><![CDATA[ more ]]></svg>'));
    expect(host.textContent).toBe('12');
  });

  it('returns only the first root svg, dropping anything beside it', () => {
    const host = render(sanitizeSvg('<b>x</b><svg><circle r="1"/></svg>tail<svg><rect/></svg>'));
    expect(host.children).toHaveLength(1);
    expect(host.firstElementChild!.localName).toBe('svg');
    expect(host.querySelector('circle')).not.toBeNull();
    expect(host.querySelector('rect')).toBeNull();
    expect(host.textContent).toBe('');
  });

  it('returns local references and drops external ones', () => {
    const host = render(
      sanitizeSvg(
        '<svg><defs><linearGradient id="g"/></defs>' +
          '<circle r="1" fill="url(#g)" stroke="url(http://evil.example/x#g)" style="fill:url(&quot;http://evil.example/a&quot;)"/>' +
          '<rect filter="url( #g )" style="fill:u\\72l(http://evil.example/a)"/></svg>',
      ),
    );
    const circle = host.querySelector('circle')!;
    expect(circle.getAttribute('fill')).toBe('url(#g)');
    expect(circle.hasAttribute('stroke')).toBe(false);
    expect(circle.hasAttribute('style')).toBe(false);
    expect(host.querySelector('rect')!.getAttribute('filter')).toBe('url( #g )');
    expect(host.querySelector('rect')!.hasAttribute('style')).toBe(false);
  });

  /** Every `url(` the output still has, as written; what may stay is a closed local `url(#id)`. */
  function urlsIn(output: string): string[] {
    return Array.from(output.matchAll(/url\s*\([^)]*\)?/giu), (match) => match[0]);
  }

  const EVIL = 'http://evil.example/x.svg#p';
  const URL_ATTRIBUTES = [
    'fill',
    'stroke',
    'filter',
    'mask',
    'clip-path',
    'marker-start',
    'marker-mid',
    'marker-end',
  ] as const;
  /** Unclosed `url(` as an attribute's source spells it: the end of the value is what closes it for CSS. */
  const UNCLOSED_URLS = [
    `"url(${EVIL}"`,
    `'url(${EVIL}'`,
    `url(${EVIL}`,
    `"URL(${EVIL}"`,
    `"  url(  ${EVIL}  "`,
    `"url(&#10;&#9;${EVIL}"`,
    `"url('${EVIL}"`,
    `"url(&quot;${EVIL}"`,
    `"url(//evil.example/x.svg#p"`,
    `"url(#g) url(${EVIL}"`,
    `"url(${EVIL}) url(#g)"`,
    `"&#117;rl(${EVIL}"`,
  ];
  const unclosedCases = URL_ATTRIBUTES.flatMap((attribute) =>
    UNCLOSED_URLS.map((value) => [attribute, value] as const),
  );

  it.each(unclosedCases)('drops %s=%s, an external url( closed or not', (attribute, value) => {
    const output = sanitizeSvg(
      `<svg><defs><linearGradient id="g"/></defs><path d="M0 0L9 9" ${attribute}=${value} /></svg>`,
    );
    const path = render(output).querySelector('path');
    expect(path).not.toBeNull();
    expect(path!.hasAttribute(attribute)).toBe(false);
    expect(output).not.toMatch(/evil\.example/iu);
  });

  it.each([
    `fill:url(${EVIL}`,
    `FILL: URL( "${EVIL}"`,
    `fill:url(#g);stroke:url(${EVIL}`,
    `mask:url(${EVIL}`,
    `marker-end:url(${EVIL}`,
    `background:image-set('${EVIL}' 1x)`,
    `background:-webkit-image-set("${EVIL}" 1x)`,
    `background:image("${EVIL}")`,
    `background:src("${EVIL}")`,
    `@import "${EVIL}"`,
    `fill:\\75 rl(${EVIL}`,
    `fill:u/**/rl(${EVIL}`,
  ])('drops style="%s" on the root and on a shape', (style) => {
    const escaped = style.replaceAll('"', '&quot;');
    const output = sanitizeSvg(
      `<svg style="${escaped}"><rect width="4" height="4" style="${escaped}"/></svg>`,
    );
    const host = render(output);
    expect(host.querySelector('svg')!.hasAttribute('style')).toBe(false);
    expect(host.querySelector('rect')!.hasAttribute('style')).toBe(false);
    expect(output).not.toMatch(/evil\.example/iu);
  });

  it('returns every closed local url(#id), in each attribute that takes one and in style', () => {
    const attributes = URL_ATTRIBUTES.map((attribute, index) =>
      index % 2 ? `${attribute}="url(#g)"` : `${attribute}="URL( '#g' )"`,
    );
    const output = sanitizeSvg(
      `<svg><defs><linearGradient id="g"/></defs><path d="M0 0L9 9" ${attributes.join(' ')} ` +
        `style="fill:url(&quot;#g&quot;);stroke:url(#g)"/></svg>`,
    );
    const path = render(output).querySelector('path')!;
    for (const attribute of URL_ATTRIBUTES) expect(path.hasAttribute(attribute)).toBe(true);
    expect(path.getAttribute('style')).toBe('fill:url("#g");stroke:url(#g)');
    expect(urlsIn(output)).toHaveLength(URL_ATTRIBUTES.length + 2);
  });

  it('drops an unclosed local url(#id), which the rule keeps only closed', () => {
    const path = render(sanitizeSvg('<svg><path d="M0 0L9 9" fill="url(#g"/></svg>')).querySelector('path')!;
    expect(path.hasAttribute('fill')).toBe(false);
  });

  it('returns no url( but closed local ones, whatever is put in an attribute', () => {
    const pieces = [
      'url(',
      'URL (',
      '#g',
      ')',
      EVIL,
      '//evil.example/',
      "'",
      '"',
      ' ',
      ';',
      'fill:',
      'image-set(',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...URL_ATTRIBUTES, 'style'),
        fc.array(fc.constantFrom(...pieces), { maxLength: 8 }),
        (attribute, parts) => {
          const value = parts.join('').replaceAll('"', '&quot;');
          const output = sanitizeSvg(`<svg><path d="M0 0L9 9" ${attribute}="${value}"/></svg>`);
          for (const url of urlsIn(output)) expect(url).toMatch(/^url\(\s*(['"]?)#g\1\s*\)$/iu);
          expect(output).not.toMatch(/image-set\(/iu);
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each(SVG_PAYLOADS)('returns markup that builds no active content from %s', (payload) => {
    const output = sanitizeSvg(payload);
    const host = render(output);
    expect(activeContent(host)).toEqual([]);
    expect(output).not.toMatch(/javascript:|onload|onerror|onbegin|evil\.example/i);
    if (output) expect(host.children).toHaveLength(1);
  });

  it('returns safe markup for any mix of SVG and HTML fragments', () => {
    const fragments = [
      ...SVG_PAYLOADS,
      ...TEXT_PAYLOADS,
      '<svg>',
      '</svg>',
      '<circle r="1"/>',
      '<g>',
      '</g>',
      '<style>',
      '</style>',
      '<![CDATA[',
      ']]>',
      '<!--',
      '-->',
      '"',
      "'",
      '>',
      '<p>',
      '<math>',
      '<mtext>',
      '<table>',
      '<noscript>',
      '<template>',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 8 }), (parts) => {
        const output = sanitizeSvg(parts.join(''));
        const host = render(output);
        expect(activeContent(host)).toEqual([]);
        expect(host.children.length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('titleToText', () => {
  it('returns the real site’s HTML titles as text', () => {
    const titles = realReports.body.next_meetings.map((meeting) => titleToText(meeting.title));
    expect(titles).toContain('30 Minute Meeting meeting between Alice Anders and Arjun Nguyen');
    // A deleted event leaves a title that starts with a space.
    expect(titles).toContain('meeting between Carol Chen and Chen Doe');
  });

  it('returns plain titles unchanged', () => {
    expect(titleToText('30 Minute Consultation with Jane Smith')).toBe(
      '30 Minute Consultation with Jane Smith',
    );
  });

  it('returns entities decoded, whitespace collapsed and script content dropped', () => {
    expect(titleToText('  <em>Q&amp;A</em>\n  with   <b>O&#39;Brien</b> ')).toBe("Q&A with O'Brien");
    expect(titleToText('<script>alert(1)</script><img src=x onerror=alert(1)>Talk')).toBe('Talk');
    expect(titleToText('')).toBe('');
  });

  it.each(TEXT_PAYLOADS)('returns text without any tag from %s', (payload) => {
    expect(titleToText(payload)).not.toMatch(/<[a-z]/i);
  });
});
