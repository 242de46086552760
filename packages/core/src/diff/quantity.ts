/**
 * Kubernetes resource quantities (`500m`, `0.5`, `1Gi`, `1024Mi`, `1e3`), compared exactly as
 * rationals so that the forms the API server treats as equal compare equal here.
 */

interface Rational {
  num: bigint;
  den: bigint;
}

const quantityPattern = /^([+-]?)(\d*)(?:\.(\d*))?(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

const decimalSuffix: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffix: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** Parses a quantity written as a number or a string; `undefined` if it is not one. */
export function parseQuantity(value: unknown): Rational | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  const m = quantityPattern.exec(String(value).trim());
  if (!m) return undefined;
  const [, sign = '', whole = '', fraction = '', suffix, exponent] = m;
  if (whole === '' && fraction === '') return undefined;
  let exp10 = -fraction.length;
  let exp2 = 0;
  if (suffix !== undefined) {
    exp10 += decimalSuffix[suffix] ?? 0;
    exp2 = binarySuffix[suffix] ?? 0;
  } else if (exponent !== undefined) {
    exp10 += Number(exponent);
  }
  let num = BigInt(`${whole}${fraction}` || '0') * 2n ** BigInt(exp2);
  if (sign === '-') num = -num;
  if (exp10 >= 0) return { num: num * 10n ** BigInt(exp10), den: 1n };
  return { num, den: 10n ** BigInt(-exp10) };
}

/** Whether two values are the same quantity (`0.5` and `500m`, `1Gi` and `1024Mi`). */
export function quantitiesEqual(a: unknown, b: unknown): boolean {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  return x !== undefined && y !== undefined && x.num * y.den === y.num * x.den;
}
