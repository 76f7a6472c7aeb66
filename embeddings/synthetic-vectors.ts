/**
 * Reproducible synthetic embeddings for index tests and benchmarks. Clustered rather than
 * uniform: real sentence embeddings bunch around topics, and uniform random high-dimensional
 * vectors are all nearly orthogonal, which makes any ANN look worse (and any oracle trivial).
 */
import { l2NormalizeInPlace } from './embedder.ts';
import { gaussian, mulberry32 } from './seeded-random.ts';

/** Options of {@link clusteredVectors}. */
export interface ClusteredVectorOptions {
  /** Number of cluster centres. Default 50. */
  clusters?: number;
  /** Spread around a centre relative to the centre's norm (1 = as wide as apart). Default 0.6. */
  spread?: number;
  /** Seed. Default 42. */
  seed?: number;
}

/** `count` unit vectors of `dimensions`, drawn around random cluster centres. */
export function clusteredVectors(count: number, dimensions: number, options: ClusteredVectorOptions = {}): Float32Array[] {
  const { clusters = 50, spread = 0.6, seed = 42 } = options;
  const uniform = mulberry32(seed);
  const normal = gaussian(uniform);
  const centres = Array.from({ length: clusters }, () => {
    const c = new Float32Array(dimensions);
    for (let i = 0; i < dimensions; i++) c[i] = normal();
    return l2NormalizeInPlace(c);
  });
  const noise = spread / Math.sqrt(dimensions);
  return Array.from({ length: count }, () => {
    const centre = centres[Math.floor(uniform() * clusters)]!;
    const v = new Float32Array(dimensions);
    for (let i = 0; i < dimensions; i++) v[i] = centre[i]! + normal() * noise;
    return l2NormalizeInPlace(v);
  });
}
