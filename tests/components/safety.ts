/**
 * XSS payloads and a DOM walk that reports anything active they could have created. Shared by the component tests
 * of every panel that shows server text or icons.
 */

/** Payloads for text fields (names, e-mails, titles, activity text). */
export const TEXT_PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)></iframe>",
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">click</a>',
  '<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>',
] as const;

/** Payloads for server SVG icons. */
export const SVG_PAYLOADS = [
  '<svg onload="alert(1)"><circle r="1"/></svg>',
  '<svg><script>alert(1)</script><circle r="1"/></svg>',
  '<svg><foreignObject><img src=x onerror=alert(1)></foreignObject><circle r="1"/></svg>',
  '<svg><a href="javascript:alert(1)"><circle r="1"/></a></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><circle r="1"/></a></svg>',
  '<svg><use href="http://evil.example/x.svg#a"/><circle r="1"/></svg>',
  '<svg><use xlink:href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#a"/><circle r="1"/></svg>',
  '<svg><animate attributeName="href" to="javascript:alert(1)"/><circle r="1"/></svg>',
  '<svg><set attributeName="onmouseover" to="alert(1)"/><circle r="1"/></svg>',
  '<svg><animateTransform attributeName="transform" begin="0s" onbegin="alert(1)"/><circle r="1"/></svg>',
  '<svg><style>@import url(http://evil.example/x.css)</style><circle r="1"/></svg>',
  '<svg><circle r="1" style="fill:url(http://evil.example/a)"/></svg>',
  '<svg><image href="http://evil.example/x.png"/><circle r="1"/></svg>',
  '<svg><![CDATA[><img src=x onerror=alert(1)>]]><circle r="1"/></svg>',
  '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>"><circle r="1"/></svg>',
  '<svg><p><style><img src=x onerror=alert(1)></style></p><circle r="1"/></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<svg xmlns:x="http://www.w3.org/1999/xhtml"><x:script>alert(1)</x:script><circle r="1"/></svg>',
  '<img src=x onerror=alert(1)><svg><circle r="1"/></svg>',
  '<svg><svg onload=alert(1)><circle r="1"/></svg></svg>',
  '<svg><iframe srcdoc="<script>alert(1)</script>"></iframe><circle r="1"/></svg>',
] as const;

const FORBIDDEN_ELEMENTS = new Set([
  'img',
  'script',
  'iframe',
  'object',
  'embed',
  'foreignobject',
  'animate',
  'set',
  'animatetransform',
  'animatemotion',
  'use',
  'image',
  'feimage',
  'style',
  'link',
  'meta',
  'base',
  'form',
]);

/**
 * Everything active under `root`: elements that can run script or load external content, `on*` attributes, and
 * `href`/`src`-like attributes with a `javascript:`/`data:` URL. Empty means safe.
 */
export function activeContent(root: Element): string[] {
  const found: string[] = [];
  for (const element of [root, ...Array.from(root.querySelectorAll('*'))]) {
    const name = element.localName.toLowerCase();
    if (FORBIDDEN_ELEMENTS.has(name)) found.push(`<${name}>`);
    for (const attribute of Array.from(element.attributes)) {
      const attributeName = attribute.name.toLowerCase();
      if (attributeName.startsWith('on')) found.push(`${name}[${attributeName}]`);
      if (/(^|:)(href|src|action|formaction)$/.test(attributeName)) {
        // As the URL parser does: controls and spaces cannot hide the scheme.
        const value = Array.from(attribute.value)
          .filter((character) => character.charCodeAt(0) > 0x20)
          .join('')
          .toLowerCase();
        if (value.startsWith('javascript:') || value.startsWith('data:') || value.startsWith('vbscript:')) {
          found.push(`${name}[${attributeName}=${attribute.value}]`);
        }
      }
    }
  }
  return found;
}
