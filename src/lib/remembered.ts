/**
 * Where the dashboard remembers what the user chose (the range, the graph's comparison) between visits: the page's
 * URL parameters, when the app owns the page, or localStorage, when it is embedded. Nothing here throws: storage can
 * be disabled or hold garbage, and not being able to remember must never break the dashboard.
 */

/** The page URL's parameters; none when the URL cannot be read. */
export function readPageParams(): URLSearchParams {
  try {
    return new URLSearchParams(window.location.search);
  } catch {
    return new URLSearchParams();
  }
}

/**
 * Sets page-URL parameters in place (`history.replaceState`: no new history entry, no navigation).
 *
 * @param values Each parameter's new value; `null` removes it.
 */
export function writePageParams(values: Readonly<Record<string, string | null>>): void {
  try {
    const url = new URL(window.location.href);
    for (const [name, value] of Object.entries(values)) {
      if (value === null) url.searchParams.delete(name);
      else url.searchParams.set(name, value);
    }
    window.history.replaceState(window.history.state, '', url);
  } catch {
    // A page whose URL cannot be rewritten forgets the choice; the dashboard goes on.
  }
}

/** A localStorage entry's text; `null` when there is none or storage is unavailable. */
export function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Writes a localStorage entry; storage that is full or disabled forgets it. */
export function writeStored(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Forgotten: see the module's note.
  }
}
