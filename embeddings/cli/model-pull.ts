/**
 * npm run model:pull -- <hub id> [--data-dir DIR] [--dtype q8|fp32] [--name NAME]
 *
 * Downloads an ONNX sentence-embedding model from the Hugging Face hub (remote loading is
 * enabled for this command only) into DATA_DIR/models/<name> (default DATA_DIR ./data), then
 * smoke-tests it like model:import. Example: npm run model:pull -- Xenova/multilingual-e5-small
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbeddingError } from '../errors.ts';
import type { OnnxDtype } from '../model-dir.ts';
import { pullModel } from '../model-store.ts';
import { dataDirFrom, parseArgs } from './cli-args.ts';

const USAGE = 'Usage: npm run model:pull -- <hub id, e.g. Xenova/multilingual-e5-small> [--data-dir DIR] [--dtype q8|fp32] [--name NAME]';

/** Runs the CLI; returns the process exit code. */
export async function main(
  argv: string[],
  environment: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = console.log,
  error: (line: string) => void = console.error,
  fetchOverride?: typeof globalThis.fetch,
): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const [hubId] = args.positionals;
  const dtype = args.flags.get('dtype') ?? 'q8';
  if (!hubId || args.positionals.length > 1 || (dtype !== 'q8' && dtype !== 'fp32')) {
    error(USAGE);
    return 2;
  }
  let lastReported = '';
  try {
    const name = args.flags.get('name');
    const model = await pullModel({
      hubId,
      dataDir: dataDirFrom(args, environment),
      dtype: dtype as OnnxDtype,
      ...(name !== undefined ? { name } : {}),
      ...(fetchOverride ? { fetch: fetchOverride } : {}),
      onProgress: (file, percent) => {
        const line = `${file} ${Math.floor(percent / 10) * 10}%`;
        if (line !== lastReported) log((lastReported = line));
      },
    });
    log(`Pulled ${hubId} into ${model.dir} (dimensions ${model.dimensions}, embedder id ${model.embedderId})`);
    return 0;
  } catch (e) {
    error(e instanceof EmbeddingError ? `${e.code}: ${e.message}` : String((e as Error)?.stack ?? e));
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
