/**
 * Training of the builtin embedder's model from labelled paraphrase groups. Pure computation:
 * corpus + options in, typed arrays out (see {@link BuiltinModel}).
 *
 * Method, in order:
 * 1. hashed features per text (see builtin-features.ts);
 * 2. feature weight = IDF × label-discrimination: a feature whose occurrences concentrate in one
 *    label ("khai tử") keeps its IDF, one spread evenly over labels ("cần", "giấy tờ") is damped.
 *    Discrimination is 1 − normalised entropy of the feature's (smoothed, size-normalised) label
 *    distribution — the supervised term weighting idea of TF-ICF/entropy weighting;
 * 3. each label's centroid of the unit-normalised training vectors;
 * 4. an orthonormal basis of the span of the centroids, from the eigenvectors of their Gram
 *    matrix (the "centroid method" for supervised dimension reduction of text, Park, Jeon &
 *    Rosen 2003). Projecting on it keeps what separates labels and drops within-label noise.
 * The embedder stores the centroids as an inverted index, so a query's projection is
 * Σ_c (centroid_c · x) · A[c] — no dense vocabulary×dimensions matrix.
 */
import { extractFeatures, type FeatureBag, type FeatureOptions } from './builtin-features.ts';
import { mulberry32 } from './seeded-random.ts';
import { topEigen } from './symmetric-eigen.ts';

/** One label and its phrasings (e.g. a procedure id and its questions/title). */
export interface TrainingGroup {
  readonly label: string;
  readonly texts: readonly string[];
}

/** Training hyper-parameters (all have defaults in the embedder). */
export interface TrainingOptions {
  readonly features: FeatureOptions;
  /** Share of the damped weight kept by a feature that is spread evenly over labels (0..1). */
  readonly discriminationFloor: number;
  /** Dimensions of the supervised block (at most the number of labels). */
  readonly supervisedDimensions: number;
  /** Seed of the randomised eigen-solver (used only with many labels). */
  readonly seed: number;
}

/** The trained model's numeric state. */
export interface BuiltinModel {
  /** Sorted feature hashes seen in training. */
  readonly vocab: Uint32Array;
  /** IDF × discrimination weight per vocab entry. */
  readonly weights: Float32Array;
  /** Weight of a feature never seen in training (maximum IDF, neutral discrimination). */
  readonly unseenWeight: number;
  /** Label names, index = centroid id. */
  readonly labels: readonly string[];
  /** CSR inverted index: centroid entries of vocab[i] are [offsets[i], offsets[i+1]). */
  readonly postingOffsets: Uint32Array;
  readonly postingLabels: Uint32Array;
  readonly postingValues: Float32Array;
  /** Supervised block size k. */
  readonly supervisedDimensions: number;
  /** labels.length × k row-major: row c = contribution of centroid similarity c to the block. */
  readonly projection: Float32Array;
}

/** Trains a {@link BuiltinModel}. Empty corpora give an empty (hash-only) model. */
export function trainBuiltinModel(corpus: readonly TrainingGroup[], o: TrainingOptions): BuiltinModel {
  // Merge duplicate labels so a label is one centroid whatever the caller's grouping.
  const byLabel = new Map<string, FeatureBag[]>();
  for (const group of corpus) {
    const bags = byLabel.get(group.label) ?? [];
    for (const text of group.texts) bags.push(extractFeatures(text, o.features));
    byLabel.set(group.label, bags);
  }
  const labels = [...byLabel.keys()].filter((l) => byLabel.get(l)!.length > 0);
  const groups = labels.map((l) => byLabel.get(l)!);
  const C = labels.length;
  const N = groups.reduce((n, g) => n + g.length, 0);

  // Feature ids in first-seen order, then per-feature statistics in flat arrays.
  const ids = new Map<number, number>();
  const bagIds: Uint32Array[][] = groups.map((bags) =>
    bags.map((bag) => {
      const out = new Uint32Array(bag.size);
      for (let b = 0; b < bag.size; b++) {
        const f = bag.keys[b]!;
        let id = ids.get(f);
        if (id === undefined) {
          id = ids.size;
          ids.set(f, id);
        }
        out[b] = id;
      }
      return out;
    }),
  );
  const V = ids.size;

  // Document frequency and label-distribution statistics, accumulated label by label.
  // q_c = df(f, c) / N_c (size-normalised so big labels do not look more "typical"),
  // smoothed by eps (a tenth of a text of an average label) for every label.
  const eps = C > 0 ? 0.1 / (N / C) : 0;
  const df = new Float64Array(V);
  const qSum = new Float64Array(V);
  const qLogQ = new Float64Array(V);
  const nonZero = new Float64Array(V);
  const localDf = new Float64Array(V);
  const localTouched = new Uint32Array(V);
  groups.forEach((bags, g) => {
    let touched = 0;
    for (const idsOfText of bagIds[g]!) {
      for (const id of idsOfText) {
        if (localDf[id] === 0) localTouched[touched++] = id;
        localDf[id]!++;
      }
    }
    for (let t = 0; t < touched; t++) {
      const id = localTouched[t]!;
      const q = localDf[id]! / bags.length;
      const qe = q + eps;
      df[id]! += localDf[id]!;
      qSum[id]! += q;
      qLogQ[id]! += qe * Math.log(qe);
      nonZero[id]!++;
      localDf[id] = 0;
    }
  });

  const weightById = new Float64Array(V);
  const logC = Math.log(C);
  const floor = o.discriminationFloor;
  const zeroTerm = eps > 0 ? eps * Math.log(eps) : 0;
  for (let id = 0; id < V; id++) {
    const idf = Math.log((1 + N) / (1 + df[id]!)) + 1;
    let discrimination = 1;
    if (C > 1) {
      const Z = qSum[id]! + C * eps;
      const entropy = Math.log(Z) - (qLogQ[id]! + (C - nonZero[id]!) * zeroTerm) / Z;
      discrimination = Math.min(1, Math.max(0, 1 - entropy / logC));
    }
    weightById[id] = idf * (floor + (1 - floor) * discrimination);
  }
  const unseenWeight = (Math.log(1 + N) + 1) * (floor + (1 - floor) * 0.5);

  // Stored order is by hash (deterministic, binary-searchable); remap ids to that order.
  const vocab = Uint32Array.from(ids.keys()).sort();
  const position = new Uint32Array(V);
  vocab.forEach((f, i) => (position[ids.get(f)!] = i));
  const weights = new Float32Array(V);
  for (let id = 0; id < V; id++) weights[position[id]!] = weightById[id]!;

  // Centroids of unit-normalised training vectors, then unit-normalised themselves so every
  // label counts equally in the basis. Accumulated in a dense scratch row, kept sparse.
  const scratch = new Float64Array(V);
  const centroidIds: Uint32Array[] = [];
  const centroidValues: Float64Array[] = [];
  groups.forEach((bags, g) => {
    let touched = 0;
    bags.forEach((bag, t) => {
      const idsOfText = bagIds[g]![t]!;
      let norm = 0;
      for (let b = 0; b < bag.size; b++) norm += (bag.values[b]! * weightById[idsOfText[b]!]!) ** 2;
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let b = 0; b < bag.size; b++) {
        const id = idsOfText[b]!;
        if (scratch[id] === 0) localTouched[touched++] = id;
        scratch[id]! += bag.values[b]! * weightById[id]! * inv;
      }
    });
    let norm = 0;
    for (let t = 0; t < touched; t++) norm += scratch[localTouched[t]!]! ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const cIds = new Uint32Array(touched);
    const cValues = new Float64Array(touched);
    for (let t = 0; t < touched; t++) {
      const id = localTouched[t]!;
      cIds[t] = position[id]!;
      cValues[t] = scratch[id]! * inv;
      scratch[id] = 0;
    }
    centroidIds.push(cIds);
    centroidValues.push(cValues);
  });

  // CSR inverted index vocab -> (label, centroid value).
  const postingOffsets = new Uint32Array(V + 1);
  for (const cIds of centroidIds) for (const i of cIds) postingOffsets[i + 1]!++;
  for (let i = 0; i < V; i++) postingOffsets[i + 1]! += postingOffsets[i]!;
  const fill = postingOffsets.slice(0, V);
  const postingLabels = new Uint32Array(postingOffsets[V]!);
  const postingValues = new Float32Array(postingLabels.length);
  centroidIds.forEach((cIds, c) => {
    const cValues = centroidValues[c]!;
    for (let t = 0; t < cIds.length; t++) {
      const at = fill[cIds[t]!]!++;
      postingLabels[at] = c;
      postingValues[at] = cValues[t]!;
    }
  });

  const { projection, k } = centroidBasis(C, V, postingOffsets, postingLabels, postingValues, o);
  return {
    vocab,
    weights,
    unseenWeight,
    labels,
    postingOffsets,
    postingLabels,
    postingValues,
    supervisedDimensions: k,
    projection,
  };
}

/**
 * Gram matrix of the centroids (via the inverted index: Σ over features of outer products of
 * their postings), its top eigenpairs, and A = U Λ^(-1/2) so that basis vector j is
 * Σ_c A[c, j] · centroid_c, orthonormal in feature space.
 */
function centroidBasis(
  C: number,
  V: number,
  offsets: Uint32Array,
  labels: Uint32Array,
  values: Float32Array,
  o: TrainingOptions,
): { projection: Float32Array; k: number } {
  const wanted = Math.min(C, o.supervisedDimensions);
  if (wanted <= 0) return { projection: new Float32Array(0), k: 0 };
  const gram = new Float64Array(C * C);
  for (let f = 0; f < V; f++) {
    const start = offsets[f]!;
    const end = offsets[f + 1]!;
    // Labels within a posting list are increasing, so b ≥ a fills the upper triangle.
    for (let a = start; a < end; a++) {
      const ca = labels[a]! * C;
      const va = values[a]!;
      for (let b = a; b < end; b++) gram[ca + labels[b]!]! += va * values[b]!;
    }
  }
  for (let i = 0; i < C; i++) for (let j = i + 1; j < C; j++) gram[j * C + i] = gram[i * C + j]!;
  const eig = topEigen(gram, C, wanted, mulberry32(o.seed));
  // Drop directions with (numerically) no energy: duplicate labels make the Gram singular.
  const top = eig.values[0] ?? 0;
  let k = 0;
  while (k < eig.k && eig.values[k]! > top * 1e-9 && eig.values[k]! > 0) k++;
  const projection = new Float32Array(C * k);
  for (let c = 0; c < C; c++) {
    for (let j = 0; j < k; j++) projection[c * k + j] = eig.vectors[c * eig.k + j]! / Math.sqrt(eig.values[j]!);
  }
  return { projection, k };
}
