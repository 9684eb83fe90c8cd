/**
 * Exact non-negative fractions, so weighted percentages are computed without float error and rounded
 * once, at the end (half up). A fraction holds plain integers while every value stays a safe integer
 * (the usual case: a few papers with maxima like 20, 80, 100) and bigint otherwise; every operation gives
 * the exact answer either way, the plain path is just several times faster for a whole school.
 */
export type Fraction = { n: number; d: number } | { n: bigint; d: bigint };
type Big = { n: bigint; d: bigint };

const safe = (...xs: number[]) => xs.every((x) => Number.isSafeInteger(x));

function big(f: Fraction): Big {
  return typeof f.n === 'bigint' ? (f as Big) : { n: BigInt(f.n), d: BigInt(f.d) };
}

/** n/d from integers (number or bigint); the denominator must not be zero. */
export function frac(n: number | bigint, d: number | bigint = 1): Fraction {
  if (typeof n === 'number' && typeof d === 'number' && safe(n, d)) {
    if (d === 0) throw new RangeError('A fraction cannot have a zero denominator.');
    return d < 0 ? { n: -n, d: -d } : { n, d };
  }
  const nn = BigInt(n);
  const dd = BigInt(d);
  if (dd === 0n) throw new RangeError('A fraction cannot have a zero denominator.');
  return dd < 0n ? { n: -nn, d: -dd } : { n: nn, d: dd };
}

export const ZERO: Fraction = { n: 0, d: 1 };

export function add(a: Fraction, b: Fraction): Fraction {
  if (typeof a.n === 'number' && typeof b.n === 'number') {
    const [an, ad, bn, bd] = [a.n, a.d as number, b.n, b.d as number];
    const n = an * bd + bn * ad;
    const d = ad * bd;
    if (safe(an * bd, bn * ad, n, d)) return { n, d };
  }
  const x = big(a);
  const y = big(b);
  return { n: x.n * y.d + y.n * x.d, d: x.d * y.d };
}

export function mul(a: Fraction, b: Fraction): Fraction {
  if (typeof a.n === 'number' && typeof b.n === 'number') {
    const n = a.n * b.n;
    const d = (a.d as number) * (b.d as number);
    if (safe(n, d)) return { n, d };
  }
  const x = big(a);
  const y = big(b);
  return { n: x.n * y.n, d: x.d * y.d };
}

export function div(a: Fraction, b: Fraction): Fraction {
  const inverse = typeof b.n === 'number' ? frac(b.d as number, b.n) : frac(b.d, b.n);
  return mul(a, inverse);
}

export function compare(a: Fraction, b: Fraction): number {
  if (typeof a.n === 'number' && typeof b.n === 'number') {
    const l = a.n * (b.d as number);
    const r = b.n * (a.d as number);
    if (safe(l, r)) return l < r ? -1 : l > r ? 1 : 0;
  }
  const x = big(a);
  const y = big(b);
  const l = x.n * y.d;
  const r = y.n * x.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** Rounds half up (towards +infinity at exactly .5) to an integer: 12.5 -> 13, 12.49 -> 12. */
export function roundHalfUp(f: Fraction): number {
  // floor((2n + d) / 2d): adds a half and floors.
  if (typeof f.n === 'number') {
    const num = 2 * f.n + (f.d as number);
    const den = 2 * (f.d as number);
    if (safe(num, den)) {
      let q = Math.floor(num / den);
      // The float division may land one off next to an integer; correct it with exact integer checks.
      if (safe(q * den, (q + 1) * den)) {
        if (q * den > num) q -= 1;
        else if ((q + 1) * den <= num) q += 1;
        return q;
      }
    }
  }
  const b = big(f);
  const num = 2n * b.n + b.d;
  const den = 2n * b.d;
  let q = num / den;
  if (num % den !== 0n && num < 0n) q -= 1n; // bigint division truncates towards zero
  return Number(q);
}

/** Weighted mean sum(w_i * x_i) / sum(w_i); null when the weights add up to zero. */
export function weightedMean(items: { weight: Fraction; value: Fraction }[]): Fraction | null {
  let total = ZERO;
  let sum = ZERO;
  for (const { weight, value } of items) {
    total = add(total, weight);
    sum = add(sum, mul(weight, value));
  }
  return compare(total, ZERO) === 0 ? null : div(sum, total);
}

const gcdOf = (a: number, b: number): number => {
  while (b) [a, b] = [b, a % b];
  return a;
};

/**
 * Exactly sum(w_i * num_i / den_i) / sum(w_i) for non-negative integers (den_i > 0); null when the
 * weights add up to zero. Over the least common denominator in plain integers while that is safe, else
 * through bigint fractions.
 */
export function weightedRatio(
  items: readonly { weight: number; num: number; den: number }[],
): Fraction | null {
  let total = 0;
  let lcm = 1;
  for (const { weight, den } of items) {
    total += weight;
    lcm = (lcm / gcdOf(lcm, den)) * den;
  }
  if (total === 0) return null;
  let sum = 0;
  for (const { weight, num, den } of items) sum += weight * num * (lcm / den);
  if (safe(sum, lcm, total * lcm)) return { n: sum, d: total * lcm };
  return weightedMean(items.map((i) => ({ weight: frac(i.weight), value: frac(i.num, i.den) })));
}
