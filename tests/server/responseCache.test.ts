// @vitest-environment node
/**
 * The response cache on SQLite, as the command line serves it (reads on worker threads), written by the server's own
 * connection and by another one, as another process would; and the cache's own rules (one computation for
 * concurrent identical requests, no kept errors, its bounds).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wpError } from '../../src/engine';
import { openDatabase } from '../../server/db/connection';
import { createSchema } from '../../server/db/schema';
import { insertSiteData } from '../../server/db/write';
import { timeless } from '../../server/reports/answers';
import { ResponseCache } from '../../server/reports/cache';
import { defineResponseCacheTests } from './suites/responseCache';

defineResponseCacheTests({
  label: ' (SQLite, reads on worker threads)',
  async create(data, onQuery) {
    const folder = mkdtempSync(join(tmpdir(), 'booking-reports-cache-'));
    const path = join(folder, 'site.sqlite');
    const writer = openDatabase({ path });
    await createSchema(writer);
    await insertSiteData(writer, data);
    const site = openDatabase({ path, readerThreads: 2, onQuery });
    return {
      site,
      writers: { 'the server’s own connection': site.db, 'another connection': writer.db },
      ownTransactions: true,
      async cleanUp() {
        await writer.close();
        rmSync(folder, { recursive: true, force: true });
      },
    };
  },
});

describe('ResponseCache', () => {
  const answer = (value: unknown) => async () => timeless({ ok: true, value });

  it('runs one computation for identical requests that wait at once, and keeps its answer', async () => {
    const cache = new ResponseCache();
    let runs = 0;
    let finish: () => void = () => {};
    const compute = async () => {
      runs += 1;
      await new Promise<void>((resolve) => (finish = resolve));
      return timeless({ ok: true, value: { n: 1 } });
    };
    const waiting = Array.from({ length: 10 }, () => cache.answer('key', 'v1', 0, compute));
    await new Promise((resolve) => setImmediate(resolve));
    finish();
    expect(await Promise.all(waiting)).toEqual(Array(10).fill({ ok: true, value: '{"n":1}' }));
    expect(await cache.answer('key', 'v1', 0, compute)).toEqual({ ok: true, value: '{"n":1}' });
    expect(runs).toBe(1);
  });

  it('keeps no error, thrown or answered', async () => {
    const cache = new ResponseCache();
    await expect(
      cache.answer('key', 'v1', 0, async () => {
        throw new Error('database down');
      }),
    ).rejects.toThrow('database down');
    const refused = wpError('rest_invalid_param', 'Bad.', 400);
    expect(await cache.answer('key', 'v1', 0, async () => timeless({ ok: false, error: refused }))).toEqual({
      ok: false,
      error: refused,
    });
    expect(await cache.answer('key', 'v1', 0, answer('fresh'))).toEqual({ ok: true, value: '"fresh"' });
    expect(cache.size).toBe(1);
  });

  it('serves an answer only at its data version and within its instants', async () => {
    const cache = new ResponseCache();
    const span = async () => ({ result: { ok: true as const, value: 'first' }, from: 1000, until: 5000 });
    await cache.answer('key', 'v1', 1000, span);
    expect(await cache.answer('key', 'v1', 4999, answer('other'))).toEqual({ ok: true, value: '"first"' });
    expect(await cache.answer('key', 'v1', 5000, answer('later'))).toEqual({ ok: true, value: '"later"' });
    expect(await cache.answer('key', 'v2', 5000, answer('changed'))).toEqual({
      ok: true,
      value: '"changed"',
    });
    expect(await cache.answer('key', null, 5000, answer('unversioned'))).toEqual({
      ok: true,
      value: '"unversioned"',
    });
    expect(await cache.answer('key', 'v2', 5000, answer('again'))).toEqual({ ok: true, value: '"changed"' });
  });

  it('keeps at most its entries and bytes, the least recently used leaving first', async () => {
    const cache = new ResponseCache({ maxEntries: 3, maxBytes: 1000 });
    for (const key of ['a', 'b', 'c']) await cache.answer(key, 'v1', 0, answer(key));
    await cache.answer('a', 'v1', 0, answer('a2'));
    await cache.answer('d', 'v1', 0, answer('d'));
    expect(cache.size).toBe(3);
    expect(await cache.answer('b', 'v1', 0, answer('b2'))).toEqual({ ok: true, value: '"b2"' });
    expect(await cache.answer('a', 'v1', 0, answer('a3'))).toEqual({ ok: true, value: '"a"' });
    await cache.answer('big', 'v1', 0, answer('x'.repeat(600)));
    await cache.answer('bigger', 'v1', 0, answer('y'.repeat(600)));
    expect(cache.size).toBe(1);
    expect(await cache.answer('huge', 'v1', 0, answer('z'.repeat(2000)))).toMatchObject({ ok: true });
    expect(cache.size).toBe(1);
  });
});
