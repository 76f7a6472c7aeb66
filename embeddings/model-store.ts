/**
 * Installing ONNX models into DATA_DIR/models/<name>: import from a local folder (the offline
 * path: copy a folder downloaded elsewhere) or pull from the Hugging Face hub (the only place
 * in SmartBot where remote model loading is allowed).
 *
 * A model is copied to a staging folder first and only replaces the installed one once it has
 * loaded and embedded a sentence, so a bad import never breaks a working installation.
 */
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { env, pipeline } from '@huggingface/transformers';
import { EmbeddingError } from './errors.ts';
import { inspectModelDir, type OnnxDtype } from './model-dir.ts';
import { allowRemoteModels, OnnxEmbedder, useLocalModelsOnly } from './onnx-embedder.ts';

/** Sentence embedded by the smoke check. */
export const SMOKE_SENTENCE = 'Đăng ký khai sinh cho con ở đâu?';

/** An installed, smoke-tested model. */
export interface InstalledModel {
  /** Folder name under DATA_DIR/models. */
  readonly name: string;
  /** Absolute folder path (pass it as `modelDir` to the ONNX embedder). */
  readonly dir: string;
  /** Vector dimensions measured by the smoke check. */
  readonly dimensions: number;
  /** Embedder id the installed model produces with default options. */
  readonly embedderId: string;
  /** ONNX files installed. */
  readonly onnxFiles: readonly string[];
}

/** Options of {@link importModel}. */
export interface ImportModelOptions {
  /** Folder holding config.json, tokenizer.json and onnx/model*.onnx. */
  sourceDir: string;
  /** Data directory; the model goes to `<dataDir>/models/<name>`. */
  dataDir: string;
  /** Target folder name; default: the source folder's name. */
  name?: string;
}

/** Folder where models live inside a data directory. */
export function modelsDir(dataDir: string): string {
  return join(resolve(dataDir), 'models');
}

/**
 * Copies a local model folder into the data directory after checking its files, then loads it
 * and embeds {@link SMOKE_SENTENCE}. An existing model of the same name is replaced only if the
 * new one passes.
 * @throws EmbeddingError `MODEL_DIR_MISSING` / `MODEL_INVALID` (bad source, nothing copied),
 *   `MODEL_LOAD_FAILED` (copied but unusable; the previous model, if any, is restored).
 */
export async function importModel(options: ImportModelOptions): Promise<InstalledModel> {
  const source = inspectModelDir(options.sourceDir);
  const name = options.name ?? source.name;
  if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) {
    throw new EmbeddingError('INVALID_OPTIONS', `Model name "${name}" must be a plain folder name (letters, digits, . _ -).`);
  }
  const root = modelsDir(options.dataDir);
  const target = join(root, name);
  if (resolve(source.dir) === target) {
    throw new EmbeddingError('INVALID_OPTIONS', `Model ${name} is already installed at ${target}.`);
  }
  mkdirSync(root, { recursive: true });
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const staging = join(root, `.${name}.importing-${stamp}`);
  const backup = join(root, `.${name}.previous-${stamp}`);
  cpSync(source.dir, staging, { recursive: true });
  inspectModelDir(staging); // the copy itself must be complete

  const hadPrevious = existsSync(target);
  if (hadPrevious) renameSync(target, backup);
  renameSync(staging, target);
  try {
    // Loaded at its final path: the embedder id contains the folder name.
    const embedder = await OnnxEmbedder.load({ modelDir: target });
    try {
      const [vector] = await embedder.embed([SMOKE_SENTENCE], 'query');
      if (!vector || vector.length !== embedder.dimensions) {
        throw new EmbeddingError('MODEL_LOAD_FAILED', `Model ${name} returned no usable vector for the smoke sentence.`);
      }
      const installed = inspectModelDir(target);
      return {
        name,
        dir: target,
        dimensions: embedder.dimensions,
        embedderId: embedder.id,
        onnxFiles: installed.allOnnxFiles,
      };
    } finally {
      await embedder.dispose();
    }
  } catch (error) {
    rmSync(target, { recursive: true, force: true });
    if (hadPrevious) renameSync(backup, target);
    throw error;
  } finally {
    rmSync(backup, { recursive: true, force: true });
  }
}

/** Options of {@link pullModel}. */
export interface PullModelOptions {
  /** Hub model id with ONNX weights, e.g. "Xenova/multilingual-e5-small". */
  hubId: string;
  /** Data directory; the model goes to `<dataDir>/models/<name>`. */
  dataDir: string;
  /** Weights to download: 'q8' (default, ~4× smaller, faster on CPU) or 'fp32'. */
  dtype?: OnnxDtype;
  /** Target folder name; default: the last part of the hub id. */
  name?: string;
  /** Progress reporting (file name and percentage). */
  onProgress?: (file: string, percent: number) => void;
  /** Fetch override (tests simulate being offline with it). */
  fetch?: typeof globalThis.fetch;
}

/**
 * Downloads a model from the hub through transformers.js (remote loading explicitly enabled
 * for this call only), then installs it with {@link importModel}.
 * @throws EmbeddingError `MODEL_DOWNLOAD_FAILED` when the hub is unreachable or lacks the files.
 */
export async function pullModel(options: PullModelOptions): Promise<InstalledModel> {
  const dtype = options.dtype ?? 'q8';
  const root = modelsDir(options.dataDir);
  const download = join(root, `.download-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(download, { recursive: true });
  const previousCacheDir = env.cacheDir;
  allowRemoteModels();
  if (options.fetch) env.fetch = options.fetch;
  // Cache into a private folder: transformers.js writes <cacheDir>/<hub id>/<file>.
  env.allowLocalModels = false;
  env.useFSCache = true;
  env.useBrowserCache = false;
  env.cacheDir = download;
  try {
    try {
      const extractor = await pipeline('feature-extraction', options.hubId, {
        dtype,
        device: 'cpu',
        progress_callback: (p: { status: string; file?: string; progress?: number }) => {
          if (p.status === 'progress' && p.file !== undefined) options.onProgress?.(p.file, p.progress ?? 0);
        },
      });
      await extractor.dispose();
    } catch (cause) {
      throw new EmbeddingError(
        'MODEL_DOWNLOAD_FAILED',
        `Could not download ${options.hubId} (${dtype}) from the Hugging Face hub: ${(cause as Error)?.message ?? cause}. ` +
          'If this machine is offline, pull the model on a connected machine and copy the folder here with ' +
          '"npm run model:import -- <dir>".',
        { cause },
      );
    }
    return await importModel({
      sourceDir: join(download, ...options.hubId.split('/')),
      dataDir: options.dataDir,
      name: options.name ?? basename(options.hubId),
    });
  } finally {
    rmSync(download, { recursive: true, force: true });
    env.cacheDir = previousCacheDir;
    // Whatever happened, leave the process unable to download again.
    useLocalModelsOnly();
  }
}
