/**
 * Eigendecomposition of small dense symmetric matrices, for the builtin embedder's supervised
 * projection (the Gram matrix of label centroids). No numeric library is installed and the
 * matrices are at most a few hundred rows, so the classic JAMA algorithm is enough.
 */

/** Eigenvalues (ascending) and unit eigenvectors; `vectors[i * n + j]` = component i of vector j. */
export interface EigenResult {
  readonly n: number;
  readonly values: Float64Array;
  readonly vectors: Float64Array;
}

/**
 * Full eigendecomposition of the symmetric n×n row-major matrix `a` (not modified):
 * Householder tridiagonalisation then implicit QL (JAMA's tred2/tql2). O(n³).
 */
export function symmetricEigen(a: Float64Array, n: number): EigenResult {
  const V = Float64Array.from(a);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n === 0) return { n, values: d, vectors: V };
  tred2(V, d, e, n);
  tql2(V, d, e, n);
  return { n, values: d, vectors: V };
}

function tred2(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = V[(n - 1) * n + j]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = V[(i - 1) * n + j]!;
        V[i * n + j] = 0;
        V[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k]! /= scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        V[j * n + i] = f;
        g = e[j]! + V[j * n + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[k * n + j]! * d[k]!;
          e[k]! += V[k * n + j]! * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j]! /= h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        for (let k = j; k <= i - 1; k++) V[k * n + j]! -= f * e[k]! + g * d[k]!;
        d[j] = V[(i - 1) * n + j]!;
        V[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    V[(n - 1) * n + i] = V[i * n + i]!;
    V[i * n + i] = 1;
    const h = d[i + 1]!;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k * n + i + 1]! / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k * n + i + 1]! * V[k * n + j]!;
        for (let k = 0; k <= i; k++) V[k * n + j]! -= g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) V[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[(n - 1) * n + j]!;
    V[(n - 1) * n + j] = 0;
  }
  V[(n - 1) * n + (n - 1)] = 1;
  e[0] = 0;
}

function tql2(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]!) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 200) throw new Error('symmetricEigen: QL iteration did not converge');
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          for (let k = 0; k < n; k++) {
            const row = k * n;
            h = V[row + i + 1]!;
            V[row + i + 1] = s * V[row + i]! + c * h;
            V[row + i] = c * V[row + i]! - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i]!;
    for (let j = i + 1; j < n; j++) {
      if (d[j]! < p) {
        k = j;
        p = d[j]!;
      }
    }
    if (k !== i) {
      d[k] = d[i]!;
      d[i] = p;
      for (let j = 0; j < n; j++) {
        const row = j * n;
        p = V[row + i]!;
        V[row + i] = V[row + k]!;
        V[row + k] = p;
      }
    }
  }
}

/**
 * The `k` largest eigenpairs of a symmetric positive semi-definite n×n matrix, largest first,
 * as `vectors[i * k + j]` = component i of vector j. Uses the full decomposition for small n and
 * randomised subspace iteration with Rayleigh–Ritz for large n (O(n²k) instead of O(n³)).
 */
export function topEigen(
  a: Float64Array,
  n: number,
  k: number,
  random: () => number,
): { values: Float64Array; vectors: Float64Array; k: number } {
  k = Math.min(k, n);
  if (n <= 400 || k * 2 >= n) return pickTop(symmetricEigen(a, n), k);
  const p = Math.min(n, k + 16);
  let Q: Float64Array = new Float64Array(n * p);
  for (let i = 0; i < Q.length; i++) Q[i] = random() - 0.5;
  orthonormalizeColumns(Q, n, p);
  for (let iter = 0; iter < 2; iter++) {
    Q = multiply(a, n, Q, p);
    orthonormalizeColumns(Q, n, p);
  }
  // Rayleigh–Ritz: B = Qᵀ A Q (p×p), eigenvectors of B mapped back through Q.
  const AQ = multiply(a, n, Q, p);
  const B = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += Q[r * p + i]! * AQ[r * p + j]!;
      B[i * p + j] = s;
      B[j * p + i] = s;
    }
  }
  const small = pickTop(symmetricEigen(B, p), k);
  const vectors = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let i = 0; i < p; i++) s += Q[r * p + i]! * small.vectors[i * k + j]!;
      vectors[r * k + j] = s;
    }
  }
  return { values: small.values, vectors, k };
}

function pickTop(eig: EigenResult, k: number): { values: Float64Array; vectors: Float64Array; k: number } {
  const { n } = eig;
  const values = new Float64Array(k);
  const vectors = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    const src = n - 1 - j; // ascending order: largest last
    values[j] = eig.values[src]!;
    for (let i = 0; i < n; i++) vectors[i * k + j] = eig.vectors[i * n + src]!;
  }
  return { values, vectors, k };
}

/** A (n×n) times X (n×p), both row-major. */
function multiply(a: Float64Array, n: number, x: Float64Array, p: number): Float64Array {
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    for (let t = 0; t < n; t++) {
      const v = a[i * n + t]!;
      if (v === 0) continue;
      const xr = t * p;
      for (let j = 0; j < p; j++) out[o + j]! += v * x[xr + j]!;
    }
  }
  return out;
}

/** Modified Gram–Schmidt on the p columns of the row-major n×p matrix, in place. */
function orthonormalizeColumns(x: Float64Array, n: number, p: number): void {
  for (let j = 0; j < p; j++) {
    for (let prev = 0; prev < j; prev++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += x[r * p + j]! * x[r * p + prev]!;
      for (let r = 0; r < n; r++) x[r * p + j]! -= s * x[r * p + prev]!;
    }
    let norm = 0;
    for (let r = 0; r < n; r++) norm += x[r * p + j]! ** 2;
    norm = Math.sqrt(norm);
    for (let r = 0; r < n; r++) x[r * p + j] = norm > 1e-300 ? x[r * p + j]! / norm : 0;
  }
}
