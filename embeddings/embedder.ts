/**
 * The embedding contract shared by every embedder (ONNX transformer, builtin lexical-supervised).
 *
 * Kept dependency-free so that `knowledge/` can depend on the contract without pulling in
 * onnxruntime or any model files.
 */

/**
 * What a text is: asymmetric models (e5, bge…) embed a user's question and a stored passage
 * differently, usually through a text prefix. Symmetric embedders ignore it.
 */
export type EmbedKind = 'query' | 'passage';

/**
 * Turns texts into dense vectors whose dot product is their cosine similarity.
 *
 * Guarantees every implementation must keep:
 * - `embed` returns one vector per input text, in input order, each of length `dimensions`;
 * - every vector is L2-normalised (norm 1, or all zeros for a text with no usable feature);
 * - the result for a text does not depend on which other texts share its call (batching is an
 *   internal detail);
 * - `id` changes whenever the vectors it produces could change (model, pooling, prefixes,
 *   training data…), so a persisted vector index can tell when it must be rebuilt.
 */
export interface Embedder {
  /** Stable identity of the vector space, e.g. `onnx:multilingual-e5-small` or `builtin:…`. */
  readonly id: string;
  /** Length of every vector returned by `embed`. */
  readonly dimensions: number;
  /** Embeds `texts`; `kind` selects query- or passage-side processing for asymmetric models. */
  embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]>;
}

/**
 * Normalises `vector` to unit L2 norm in place and returns it. A zero vector stays zero rather
 * than becoming NaN, because "no features" is a legitimate outcome for e.g. punctuation-only input.
 */
export function l2NormalizeInPlace(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) {
    const v = vector[i]!;
    sum += v * v;
  }
  if (sum > 0) {
    const inv = 1 / Math.sqrt(sum);
    for (let i = 0; i < vector.length; i++) vector[i]! *= inv;
  }
  return vector;
}

/** Dot product of two equal-length vectors; equals cosine similarity for normalised vectors. */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) sum += a[i]! * b[i]!;
  return sum;
}
