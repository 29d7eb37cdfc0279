/**
 * The project's only use of DOMPurify: server SVG icons and HTML meeting titles.
 *
 * Both inputs come from the server and may carry anything (an icon filter on the site, a guest's name in a
 * title), so they are cleaned here and nowhere else. `SafeSvgIcon.vue` is the one component that renders the
 * cleaned SVG as markup; titles are reduced to plain text and rendered as text.
 *
 * DOMPurify needs a DOM. Without one (Node, SSR) it would hand input back unchanged, so both functions fail
 * closed there: no icon, and a title with its tags cut out.
 */
import DOMPurify from 'dompurify';
import type { Config, UponSanitizeAttributeHook } from 'dompurify';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Elements that can run script, animate an attribute into a `javascript:` URL, pull in external documents or
 * embed HTML. `use` is dropped outright: an icon has no need for it, and a local-only rule would still allow
 * references into the host page. `a` makes a decorative icon focusable and clickable.
 */
const FORBIDDEN_SVG_TAGS = [
  'script',
  'style',
  'foreignObject',
  'animate',
  'set',
  'animateTransform',
  'animateMotion',
  'animateColor',
  'discard',
  'use',
  'a',
  'image',
  'feImage',
  'iframe',
  'audio',
  'video',
  'handler',
  'listener',
];

/**
 * Attributes that only matter to the animation elements above and carry the payload of animation attacks, and
 * those that would make part of a hidden icon focusable. Lower case: DOMPurify compares attribute names
 * lower-cased. (`values` stays: `feColorMatrix` needs it.)
 */
const FORBIDDEN_SVG_ATTRIBUTES = ['attributename', 'from', 'to', 'by', 'begin', 'tabindex', 'autofocus'];

const SVG_CONFIG: Config = {
  USE_PROFILES: { svg: true, svgFilters: true },
  FORBID_TAGS: FORBIDDEN_SVG_TAGS,
  FORBID_ATTR: FORBIDDEN_SVG_ATTRIBUTES,
};

const LOCAL_FRAGMENT = /^#[\w.:-]*$/u;
/** A closed reference inside the document, `url(#gradient)` or `url( "#gradient" )`: the only `url(` kept. */
const LOCAL_URL = /url\(\s*(['"]?)#[\w.:-]*\1\s*\)/giu;
/**
 * What can make CSS fetch, or hide something that does: `url(` (checked after the local ones are taken out;
 * unclosed, the end of the value closes it), `image-set(` and `image(` with a plain string, `src(`, `@import`,
 * `expression(`, and CSS escapes and comments, which can spell any of them without these letters in a row.
 */
const FETCHING_CSS = /url\s*\(|image-set\s*\(|image\s*\(|src\s*\(|@import|expression\s*\(|[\\]|\/\*/iu;

/** Whether a value can make the browser fetch nothing: no `url(` but closed local ones, nothing else that loads. */
function fetchesNothing(value: string): boolean {
  return !FETCHING_CSS.test(value.replace(LOCAL_URL, ' '));
}

/**
 * One rule for every attribute, whatever its name or element (presentation attributes like `fill`, `filter`,
 * `mask`, `marker-*`, `cursor`, `style`, and any other): a value is kept only when {@link fetchesNothing}; an
 * `href`/`xlink:href`/`src` only when it is a local `#fragment`.
 */
const keepOnlyLocalReferences: UponSanitizeAttributeHook = (_node, data) => {
  const name = data.attrName.toLowerCase();
  const value = data.attrValue.trim();
  if (name === 'href' || name.endsWith(':href') || name === 'src') {
    data.keepAttr = LOCAL_FRAGMENT.test(value);
  } else if (!fetchesNothing(value)) {
    data.keepAttr = false;
  }
};

/** Whether DOMPurify can work here (it needs a DOM). */
function domAvailable(): boolean {
  return DOMPurify.isSupported && typeof document !== 'undefined';
}

/** SVG elements whose text is drawn; text anywhere else is leftover (e.g. from CDATA tricks) and goes. */
const TEXT_ELEMENTS = new Set(['text', 'tspan', 'textPath', 'title', 'desc']);

function dropStrayText(svg: Element): void {
  const walker = svg.ownerDocument.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
  const stray: Node[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!TEXT_ELEMENTS.has(node.parentElement?.localName ?? '')) stray.push(node);
  }
  for (const node of stray) node.parentNode?.removeChild(node);
}

/**
 * The size of the icon comes from CSS, so the server's `width`/`height` go; a `viewBox` keeps it scaling, and is
 * made from them when the server sent none.
 */
function prepareRoot(svg: Element): void {
  const width = Number.parseFloat(svg.getAttribute('width') ?? '');
  const height = Number.parseFloat(svg.getAttribute('height') ?? '');
  if (!svg.hasAttribute('viewBox') && width > 0 && height > 0) {
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  }
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  // a11y: the tile's text says what the icon shows; the icon itself is decoration.
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.removeAttribute('role');
}

/**
 * Cleans server SVG markup for inline rendering.
 *
 * Keeps SVG shapes and filters; removes scripts, styles, event handlers, `foreignObject`, animation elements,
 * `use`, links, external references (any `href`/`src` that is not a local `#fragment`; any attribute with a `url(`,
 * closed or not, that is not a closed local `url(#id)`, or with `image-set(`, `image(`, `src(`, `@import`, a CSS
 * escape or comment), text outside text elements, and everything outside the first root `<svg>` (HTML wrappers around it are unwrapped). The root gets `aria-hidden="true"` and `focusable="false"` and loses
 * `width`/`height` (CSS sizes it).
 *
 * @param markup Untrusted SVG markup, e.g. an overview widget's `icon`.
 * @returns Markup of one `<svg>` element with at least one child element, or `''` when nothing drawable is left
 *   (then show a built-in icon).
 */
export function sanitizeSvg(markup: string): string {
  if (!markup || !domAvailable()) return '';
  DOMPurify.addHook('uponSanitizeAttribute', keepOnlyLocalReferences);
  let fragment: DocumentFragment;
  try {
    fragment = DOMPurify.sanitize(markup, { ...SVG_CONFIG, RETURN_DOM_FRAGMENT: true });
  } finally {
    DOMPurify.removeHook('uponSanitizeAttribute', keepOnlyLocalReferences);
  }
  const root = Array.from(fragment.children).find(
    (element) => element.namespaceURI === SVG_NS && element.localName === 'svg',
  );
  if (!root || root.childElementCount === 0) return '';
  dropStrayText(root);
  prepareRoot(root);
  return root.outerHTML;
}

/**
 * A meeting title as plain text. A real site sends HTML (`<strong>30 Minute Meeting</strong> meeting between Alice
 * and Bob`) with the guest's name inside; the tags go, entities are decoded, whitespace is collapsed and the leading
 * space a deleted event leaves is trimmed. Render the result as text, never as HTML.
 *
 * @param html Untrusted title, HTML or plain text.
 */
export function titleToText(html: string): string {
  if (!html) return '';
  let text: string;
  if (domAvailable()) {
    // No tag survives; script and style contents are dropped with their tags.
    const body = DOMPurify.sanitize(html, { ALLOWED_TAGS: [], ALLOWED_ATTR: [], RETURN_DOM: true });
    text = body.textContent ?? '';
  } else {
    text = html.replace(/<[^>]*>?/gu, ' ');
  }
  return text.replace(/\s+/gu, ' ').trim();
}
