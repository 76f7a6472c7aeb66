/**
 * Embedder running a sentence-transformer ONNX export through @huggingface/transformers
 * (tokenizer + onnxruntime-node), strictly from a local folder.
 *
 * The ward's server may have no internet, and a silent download at the first citizen's message
 * would be both slow and a data-governance surprise, so this module forbids remote loading and
 * replaces transformers.js' fetch with one that throws.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { l2NormalizeInPlace, type EmbedKind, type Embedder } from './embedder.ts';
import { EmbeddingError } from './errors.ts';
import { inspectModelDir, type ModelDirInfo, type OnnxDtype } from './model-dir.ts';

/** How token vectors become one sentence vector. */
export type OnnxPooling = 'mean' | 'cls';

/** Text prepended to each input, per kind (e5 models were trained with "query: " / "passage: "). */
export interface EmbedPrefixes {
  readonly query: string;
  readonly passage: string;
}

/** Options of {@link OnnxEmbedder.load}. */
export interface OnnxEmbedderOptions {
  /** Local model folder (config.json, tokenizer.json, onnx/model*.onnx). */
  modelDir: string;
  /** Sentence pooling; default 'mean' (what e5, MiniLM and most sentence-transformers use). */
  pooling?: OnnxPooling;
  /**
   * Prefixes per kind. Default 'auto': e5 prefixes when the folder name or config
   * `_name_or_path` mentions e5, none otherwise. `null` disables prefixes.
   */
  prefixes?: EmbedPrefixes | 'auto' | null;
  /** Weights file: 'auto' (default) prefers onnx/model_quantized.onnx, faster on CPU. */
  dtype?: OnnxDtype | 'auto';
  /** Texts per onnxruntime call; bounds memory for long lists. Default 32. */
  batchSize?: number;
}

/** Prefixes the multilingual-e5 family was trained with. */
export const E5_PREFIXES: EmbedPrefixes = { query: 'query: ', passage: 'passage: ' };

const DEFAULTS = { pooling: 'mean', prefixes: 'auto', dtype: 'auto', batchSize: 32 } as const;

// Captured before anything can replace it, so the pull CLI can re-enable the network explicitly.
const originalFetch = env.fetch;

let blockedAttempts = 0;

/**
 * A fetch that refuses, so any attempted download fails loudly instead of hanging offline.
 * Attempts are counted because transformers.js swallows some lookup errors (file metadata probes).
 */
const refuseNetwork = (input: unknown): Promise<Response> => {
  blockedAttempts++;
  return Promise.reject(
    new EmbeddingError(
      'MODEL_LOAD_FAILED',
      `Network access is disabled for local models (attempted: ${String(input)}).`,
    ),
  );
};

/** How many network requests transformers.js attempted (and was refused) in local-only mode. */
export function blockedNetworkAttempts(): number {
  return blockedAttempts;
}

/**
 * Puts transformers.js in local-only mode. Process-wide by nature (transformers.js has one global
 * `env`); every local load calls it so a previous pull cannot leave remote loading enabled.
 */
export function useLocalModelsOnly(modelDir?: string): void {
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  // Models are addressed by absolute path, so localModelPath only matters for bare names.
  if (modelDir !== undefined) env.localModelPath = dirname(modelDir);
  // A stale cache entry must never shadow the folder the operator pointed us to.
  env.useFSCache = false;
  env.useBrowserCache = false;
  env.fetch = refuseNetwork as typeof env.fetch;
}

/** Re-enables downloads from the hub; only the model pull CLI should call this. */
export function allowRemoteModels(): void {
  env.allowRemoteModels = true;
  env.fetch = originalFetch;
}

/** True when the model is from the e5 family, judged by its folder name or recorded origin. */
export function isE5Model(info: Pick<ModelDirInfo, 'name' | 'nameOrPath'>): boolean {
  const e5 = /(^|[^a-z0-9])e5([^a-z0-9]|$)/i;
  return e5.test(info.name) || (info.nameOrPath !== undefined && e5.test(info.nameOrPath));
}

/** Embedder backed by a local ONNX sentence-transformer. Create it with {@link OnnxEmbedder.load}. */
export class OnnxEmbedder implements Embedder {
  private constructor(
    readonly id: string,
    readonly dimensions: number,
    /** The resolved settings, for logs and the admin page. */
    readonly settings: Readonly<{
      modelDir: string;
      dtype: OnnxDtype;
      pooling: OnnxPooling;
      prefixes: EmbedPrefixes | null;
      batchSize: number;
    }>,
    private readonly extractor: FeatureExtractionPipeline,
  ) {}

  /**
   * Loads the model and runs one warm-up embedding, so a broken model fails at start-up.
   * @throws EmbeddingError `MODEL_DIR_MISSING`, `MODEL_INVALID`, `INVALID_OPTIONS` or
   *   `MODEL_LOAD_FAILED` (onnxruntime or tokenizer could not load; `cause` has the detail).
   */
  static async load(options: OnnxEmbedderOptions): Promise<OnnxEmbedder> {
    const info = inspectModelDir(options.modelDir);
    const pooling = options.pooling ?? DEFAULTS.pooling;
    const batchSize = options.batchSize ?? DEFAULTS.batchSize;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new EmbeddingError('INVALID_OPTIONS', `batchSize must be a positive integer, got ${batchSize}.`);
    }
    const dtype = resolveDtype(info, options.dtype ?? DEFAULTS.dtype);
    const prefixOption = options.prefixes === undefined ? DEFAULTS.prefixes : options.prefixes;
    const prefixes = prefixOption === 'auto' ? (isE5Model(info) ? E5_PREFIXES : null) : prefixOption;

    useLocalModelsOnly(info.dir);
    let extractor: FeatureExtractionPipeline;
    try {
      extractor = await pipeline('feature-extraction', info.dir, {
        dtype,
        device: 'cpu',
        local_files_only: true,
      });
    } catch (cause) {
      throw new EmbeddingError(
        'MODEL_LOAD_FAILED',
        `Could not load the ONNX model in ${info.dir} (${dtype}): ${(cause as Error)?.message ?? cause}`,
        { cause },
      );
    }

    const settings = { modelDir: info.dir, dtype, pooling, prefixes, batchSize };
    const probe = await runPipeline(extractor, ['xin chào'], pooling);
    const dimensions = probe[0]!.length;
    if (info.hiddenSize !== undefined && info.hiddenSize !== dimensions) {
      throw new EmbeddingError(
        'DIMENSION_MISMATCH',
        `Model ${info.name}: config.json hidden_size is ${info.hiddenSize} but the model outputs ${dimensions} values.`,
      );
    }
    return new OnnxEmbedder(modelId(info, settings), dimensions, settings, extractor);
  }

  async embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    const prefix = this.settings.prefixes?.[kind] ?? '';
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.settings.batchSize) {
      const batch = texts.slice(start, start + this.settings.batchSize).map((t) => prefix + t);
      out.push(...(await runPipeline(this.extractor, batch, this.settings.pooling)));
    }
    return out;
  }

  /** Releases the onnxruntime session. */
  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }
}

function resolveDtype(info: ModelDirInfo, wanted: OnnxDtype | 'auto'): OnnxDtype {
  if (wanted === 'auto') return info.onnxFiles.q8 ? 'q8' : 'fp32';
  if (wanted !== 'fp32' && wanted !== 'q8') {
    throw new EmbeddingError('INVALID_OPTIONS', `dtype must be 'fp32', 'q8' or 'auto', got ${String(wanted)}.`);
  }
  if (!info.onnxFiles[wanted]) {
    throw new EmbeddingError(
      'MODEL_INVALID',
      `Model ${info.name} has no ${wanted} weights (expected onnx/${wanted === 'q8' ? 'model_quantized' : 'model'}.onnx; found ${info.allOnnxFiles.join(', ') || 'none'}).`,
    );
  }
  return wanted;
}

/**
 * `onnx:<folder>` plus a short fingerprint of everything that changes the vectors (weights file,
 * tokenizer, pooling, prefixes), so swapping any of them invalidates persisted indexes.
 */
function modelId(
  info: ModelDirInfo,
  s: { dtype: OnnxDtype; pooling: OnnxPooling; prefixes: EmbedPrefixes | null },
): string {
  const weights = info.onnxFiles[s.dtype]!;
  const hash = createHash('sha256')
    .update(readFileSync(`${info.dir}/config.json`))
    .update(readFileSync(`${info.dir}/tokenizer.json`))
    .update(`${statSync(weights).size}|${s.dtype}|${s.pooling}|${JSON.stringify(s.prefixes)}`)
    .digest('hex')
    .slice(0, 10);
  return `onnx:${info.name}:${s.dtype}:${s.pooling}:${hash}`;
}

async function runPipeline(
  extractor: FeatureExtractionPipeline,
  texts: string[],
  pooling: OnnxPooling,
): Promise<Float32Array[]> {
  const tensor = await extractor(texts, { pooling, normalize: true });
  const [rows, cols] = tensor.dims as [number, number];
  const data = tensor.data as Float32Array;
  const out: Float32Array[] = [];
  for (let r = 0; r < rows; r++) {
    // Copy (slice) so callers never alias the pipeline's reusable output buffer.
    out.push(l2NormalizeInPlace(data.slice(r * cols, (r + 1) * cols)));
  }
  return out;
}
