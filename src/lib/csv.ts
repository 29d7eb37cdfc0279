/**
 * CSV export and file downloads.
 *
 * The CSV is RFC 4180 (comma-separated, CRLF line ends, fields quoted when they hold a quote, comma or line break)
 * and safe to open in a spreadsheet: a text cell that a spreadsheet would read as a formula gets a leading `'`.
 */

/** One CSV cell: text is guarded against formula injection, numbers are written as they are. */
export type CsvCell = string | number;

// Spreadsheets start a formula (or a DDE call) on these characters; OWASP's "CSV injection" list.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function csvField(cell: CsvCell): string {
  if (typeof cell === 'number') {
    // A number is data, not a formula: `-5` stays a number the spreadsheet can sum.
    return Number.isFinite(cell) ? String(cell) : '';
  }
  const guarded = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/**
 * Rows of cells as RFC 4180 CSV text, lines ended by CRLF.
 *
 * Text cells starting with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'` so a spreadsheet shows
 * them as text instead of running them; cells passed as numbers (negative ones too) stay numbers.
 *
 * @param rows The rows, header first if there is one.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

/**
 * A `data:` URL (what `canvas.toDataURL()` and Chart.js's `toBase64Image()` return) as a Blob of its bytes.
 *
 * @param dataUrl `data:<mime>;base64,<payload>` or `data:<mime>,<url-encoded payload>`.
 */
export function dataUrlToBlob(dataUrl: string): Blob {
  const comma = dataUrl.indexOf(',');
  const header = dataUrl.slice(0, comma);
  const payload = dataUrl.slice(comma + 1);
  const mime = /^data:([^;,]*)/.exec(header)?.[1] || 'application/octet-stream';
  if (!header.endsWith(';base64')) return new Blob([decodeURIComponent(payload)], { type: mime });
  const binary = atob(payload);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return new Blob([bytes], { type: mime });
}

/**
 * Lets the browser save `content` as a file named `name`, through a temporary link to an object URL.
 *
 * @param name File name the browser suggests, e.g. `bookings-2025-01-01-2025-01-31.csv`.
 * @param mime Media type of a text `content`, e.g. `text/csv;charset=utf-8`; a Blob keeps its own type.
 * @param content The file's text, or its bytes as a Blob.
 */
export function downloadFile(name: string, mime: string, content: string | Blob): void {
  const blob = typeof content === 'string' ? new Blob([content], { type: mime }) : content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  // Firefox only follows a download link that is in the document.
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking synchronously can cancel the download in some browsers; the next task is late enough.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
