import { afterEach, describe, expect, it, vi } from 'vitest';
import { dataUrlToBlob, downloadFile, toCsv } from '../../src/lib/csv';

describe('toCsv', () => {
  it('returns comma-separated rows ended by CRLF', () => {
    expect(
      toCsv([
        ['Period', 'Booked'],
        ['3 Jan', 5],
      ]),
    ).toBe('Period,Booked\r\n3 Jan,5\r\n');
  });

  it('returns quoted fields, with doubled quotes, when a cell holds a comma, quote or line break', () => {
    expect(toCsv([['Week of 3 Jan, 2025', 'say "hi"', 'two\nlines']])).toBe(
      '"Week of 3 Jan, 2025","say ""hi""","two\nlines"\r\n',
    );
  });

  it('returns formula-looking text cells prefixed with an apostrophe', () => {
    const csv = toCsv([['=HYPERLINK("http://evil.example","x")', '+1', '-2', '@SUM(A1)', '\tx', '\rx']]);
    expect(csv).toBe('"\'=HYPERLINK(""http://evil.example"",""x"")",\'+1,\'-2,\'@SUM(A1),\'\tx,"\'\rx"\r\n');
  });

  it('returns numbers as numbers, negative ones too', () => {
    expect(toCsv([[-5, 0, 12.5]])).toBe('-5,0,12.5\r\n');
  });

  it('returns an empty cell for a number that is not finite', () => {
    expect(toCsv([[Number.NaN, 1]])).toBe(',1\r\n');
  });
});

describe('dataUrlToBlob', () => {
  it('returns the decoded bytes with the media type of the URL', async () => {
    const blob = dataUrlToBlob(`data:image/png;base64,${btoa('PNGDATA')}`);
    expect(blob.type).toBe('image/png');
    expect(await blob.text()).toBe('PNGDATA');
  });
});

describe('downloadFile', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('clicks a download link to an object URL of the content and revokes the URL afterwards', async () => {
    vi.useFakeTimers();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:report';
    });
    const revokeObjectURL = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: { href: string; download: string; inDocument: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, inDocument: document.body.contains(this) });
    });

    downloadFile('bookings.csv', 'text/csv;charset=utf-8', 'a,b\r\n');

    expect(clicked).toEqual([{ href: 'blob:report', download: 'bookings.csv', inDocument: true }]);
    expect(document.querySelector('a')).toBeNull();
    expect(blobs[0]?.type).toBe('text/csv;charset=utf-8');
    expect(await blobs[0]?.text()).toBe('a,b\r\n');
    expect(revokeObjectURL).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:report');
  });
});
