/**
 * Validation of a local transformer model folder (the layout produced by HF `optimum` exports
 * and used by transformers.js): config.json, tokenizer.json and onnx/model*.onnx.
 *
 * Shared by the ONNX embedder (fail at start-up with a clear message, not deep inside
 * onnxruntime) and the model import CLI (refuse to copy a folder that cannot work).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { EmbeddingError } from './errors.ts';

/** Which ONNX weights file to run: full precision or 8-bit quantised. */
export type OnnxDtype = 'fp32' | 'q8';

/** File name of each dtype inside `onnx/`, following the transformers.js naming convention. */
export const ONNX_FILE_BY_DTYPE: Readonly<Record<OnnxDtype, string>> = {
  fp32: 'model.onnx',
  q8: 'model_quantized.onnx',
};

/** What a valid model folder contains. */
export interface ModelDirInfo {
  /** Absolute path of the folder. */
  readonly dir: string;
  /** Folder base name, used as the model's short name. */
  readonly name: string;
  /** `config.json` `model_type`, e.g. "bert", "xlm-roberta". */
  readonly modelType: string | undefined;
  /** `config.json` `_name_or_path`, when the exporter recorded it (helps detect e5 models). */
  readonly nameOrPath: string | undefined;
  /** `config.json` `hidden_size`: the embedding dimensions of a sentence-transformer export. */
  readonly hiddenSize: number | undefined;
  /** The ONNX weight files present, by dtype. */
  readonly onnxFiles: Partial<Record<OnnxDtype, string>>;
  /** Every onnx/*.onnx file name (including other variants such as model_fp16.onnx). */
  readonly allOnnxFiles: readonly string[];
}

/**
 * Checks that `dir` holds a loadable model folder and returns what it contains.
 * @throws EmbeddingError `MODEL_DIR_MISSING` if the folder does not exist,
 *   `MODEL_INVALID` if a required file is missing or config.json is not valid JSON.
 */
export function inspectModelDir(dir: string): ModelDirInfo {
  const abs = resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new EmbeddingError(
      'MODEL_DIR_MISSING',
      `Model folder not found: ${abs}. Import one with "npm run model:import -- <dir>" or pull one with "npm run model:pull -- <hub id>".`,
    );
  }
  const missing = ['config.json', 'tokenizer.json'].filter((f) => !existsSync(join(abs, f)));
  const onnxDir = join(abs, 'onnx');
  const allOnnxFiles = existsSync(onnxDir)
    ? readdirSync(onnxDir).filter((f) => f.endsWith('.onnx')).sort()
    : [];
  if (!allOnnxFiles.some((f) => /^model.*\.onnx$/.test(f))) missing.push('onnx/model*.onnx');
  if (missing.length > 0) {
    throw new EmbeddingError(
      'MODEL_INVALID',
      `Model folder ${abs} is incomplete: missing ${missing.join(', ')}. Expected an ONNX export (config.json, tokenizer.json, onnx/model.onnx or onnx/model_quantized.onnx).`,
    );
  }
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(readFileSync(join(abs, 'config.json'), 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new EmbeddingError('MODEL_INVALID', `Model folder ${abs}: config.json is not valid JSON.`, { cause });
  }
  try {
    JSON.parse(readFileSync(join(abs, 'tokenizer.json'), 'utf8'));
  } catch (cause) {
    throw new EmbeddingError('MODEL_INVALID', `Model folder ${abs}: tokenizer.json is not valid JSON.`, { cause });
  }
  const onnxFiles: Partial<Record<OnnxDtype, string>> = {};
  for (const [dtype, file] of Object.entries(ONNX_FILE_BY_DTYPE) as [OnnxDtype, string][]) {
    if (allOnnxFiles.includes(file)) onnxFiles[dtype] = join(onnxDir, file);
  }
  return {
    dir: abs,
    name: basename(abs),
    modelType: typeof config['model_type'] === 'string' ? config['model_type'] : undefined,
    nameOrPath: typeof config['_name_or_path'] === 'string' ? config['_name_or_path'] : undefined,
    hiddenSize: typeof config['hidden_size'] === 'number' ? config['hidden_size'] : undefined,
    onnxFiles,
    allOnnxFiles,
  };
}
