/**
 * The app's own shadow root: wp-admin's CSS cannot reach in, and ours cannot leak out. Only inherited custom
 * properties (the theming API) cross it.
 */
import appStyles from '../styles/index.css?inline';

// The host's inherited font, colour and alignment stop here; custom properties still inherit (`all` skips them).
// The container repeats the reset: page rules still reach the host element itself (`* { font: … !important }` beats
// `:host`), but no page selector matches an element inside the shadow root.
const HOST_RESET = ':host { all: initial; display: block; } :host > div { all: initial; display: block; }';

let sharedSheet: CSSStyleSheet | undefined;

function styleSheet(): CSSStyleSheet | undefined {
  if (sharedSheet) return sharedSheet;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`${HOST_RESET}\n${appStyles}`);
    sharedSheet = sheet;
  } catch {
    // Constructable style sheets are missing in old browsers and jsdom; a <style> element does the same job.
  }
  return sharedSheet;
}

/** A container inside `host`'s open shadow root, styled; `release()` takes everything out again. */
export function createShadowContainer(host: Element): { container: HTMLElement; release(): void } {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  // Some runtimes (jsdom, for one) construct style sheets but cannot adopt them.
  const sheet = 'adoptedStyleSheets' in shadow ? styleSheet() : undefined;
  let styleElement: HTMLStyleElement | undefined;
  if (sheet) {
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  } else {
    styleElement = document.createElement('style');
    styleElement.textContent = `${HOST_RESET}\n${appStyles}`;
    shadow.append(styleElement);
  }
  shadow.append(container);
  return {
    container,
    release() {
      container.remove();
      styleElement?.remove();
      if (sheet) shadow.adoptedStyleSheets = shadow.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
    },
  };
}
