/**
 * A small seeded pseudo-random source for the demo data: the same seed gives the same sequence in Node and in every
 * browser, which `Math.random` cannot promise. The generator is sfc32 (a public-domain design by Chris Doty-Humphrey,
 * written here from its description), seeded through splitmix32 so that nearby seeds give unrelated sequences.
 */

/** One round of splitmix32: a well-mixed 32-bit value for `state`. Also used as a stateless integer hash. */
export function mix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A deterministic stream of random numbers. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** @param seed Any number; its integer part (mod 2^32) picks the sequence. */
  constructor(seed: number) {
    const base = Math.trunc(seed) | 0;
    this.a = mix32(base);
    this.b = mix32(this.a ^ 0x6a09e667);
    this.c = mix32(this.b ^ 0xbb67ae85);
    this.d = 1;
    // The first outputs of sfc32 still echo the seed; the reference implementation discards a few.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** The next unsigned 32-bit integer. */
  uint32(): number {
    this.d = (this.d + 1) | 0;
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in `[0, 1)`. */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  /** An integer in `[min, max]`, both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Whether an event of probability `probability` happens. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** `length` lowercase hexadecimal digits. */
  hex(length: number): string {
    let text = '';
    while (text.length < length) {
      const word = this.uint32();
      text +=
        (HEX_BYTES[word >>> 24] as string) +
        HEX_BYTES[(word >>> 16) & 0xff] +
        HEX_BYTES[(word >>> 8) & 0xff] +
        HEX_BYTES[word & 0xff];
    }
    return text.length === length ? text : text.slice(0, length);
  }
}

// `toString(16)` + `padStart` per word made hashes the slowest part of a million-row stream.
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * A picker that draws one of `choices` with probability proportional to its weight.
 * The cumulative table is built once, so drawing stays cheap in the million-row loop.
 *
 * @param choices `[value, weight]` pairs; weights are relative and must not all be 0.
 */
export function weightedPicker<T>(choices: readonly (readonly [T, number])[]): (random: Random) => T {
  const values = choices.map(([value]) => value);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of choices) {
    total += weight;
    cumulative.push(total);
  }
  if (!(total > 0)) throw new RangeError('weightedPicker needs a positive total weight');
  return (random) => {
    const target = random.next() * total;
    for (let i = 0; i < cumulative.length; i++) {
      if (target < (cumulative[i] as number)) return values[i] as T;
    }
    return values[values.length - 1] as T;
  };
}
