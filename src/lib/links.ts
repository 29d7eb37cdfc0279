/**
 * Links into the host's admin, built from a template the host page gives (`…#/scheduled-events/{id}`).
 */

/** The document's base URI, or a placeholder where there is no document (the server's Node). */
function documentBase(): string {
  return (globalThis as { document?: { baseURI?: string } }).document?.baseURI ?? 'http://localhost/';
}

/** The placeholder a booking URL template carries for the booking id. */
const BOOKING_ID_PLACEHOLDER = '{id}';

/** A booking id as a positive integer, from a number or a numeric string (a real site sends `"141"`). */
export function bookingIdOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : null;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) {
    const id = Number(value.trim());
    return id > 0 ? id : null;
  }
  return null;
}

/**
 * The link to a booking, or `null` when there is none to give: no template, no valid booking id, or a template
 * that is not an `http(s)` URL or a relative one (a `javascript:` or `data:` template never becomes a link).
 *
 * The scheme is judged the way the browser will read the href (the URL parser strips the tabs, newlines and
 * leading controls that could hide `javascript:`), after the id is put in.
 *
 * @param template URL with `{id}`, absolute `http(s)` or relative to the page.
 * @param bookingId The activity's `booking_id`.
 * @param base What a relative URL is relative to. @default the document's base URI
 */
export function bookingLink(
  template: string | undefined | null,
  bookingId: unknown,
  base: string = documentBase(),
): string | null {
  const id = bookingIdOf(bookingId);
  if (!template || id === null || !template.includes(BOOKING_ID_PLACEHOLDER)) return null;
  return safeHref(template.split(BOOKING_ID_PLACEHOLDER).join(encodeURIComponent(String(id))), base);
}

/**
 * `href` when the browser would read it as an `http(s)` URL (absolute, or relative to `base`), else `null`: a
 * `javascript:` or `data:` URL never becomes a link. Judged the way the browser will read it (the URL parser strips
 * the tabs, newlines and leading controls that could hide `javascript:`).
 *
 * @param href The URL as the host gave it.
 * @param base What a relative URL is relative to. @default the document's base URI
 */
export function safeHref(href: string | undefined | null, base: string = documentBase()): string | null {
  if (!href) return null;
  let resolved: URL;
  try {
    resolved = new URL(href, base);
  } catch {
    return null;
  }
  return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? href : null;
}
