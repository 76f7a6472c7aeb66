/**
 * npm run model:import -- <dir> [--data-dir DIR] [--name NAME]
 *
 * Copies a local ONNX model folder into DATA_DIR/models/<name> (default DATA_DIR ./data) after
 * checking config.json, tokenizer.json and onnx/model*.onnx, then loads it and embeds one
 * sentence as a smoke check and prints the dimensions.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbeddingError } from '../errors.ts';
import { importModel } from '../model-store.ts';
import { dataDirFrom, parseArgs } from './cli-args.ts';

const USAGE = 'Usage: npm run model:import -- <model dir> [--data-dir DIR] [--name NAME]';

/** Runs the CLI; returns the process exit code. Output goes through `log`/`error` for tests. */
export async function main(
  argv: string[],
  environment: NodeJS.ProcessEnv = process.env,
  log: (line: string) => void = console.log,
  error: (line: string) => void = console.error,
): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const [sourceDir] = args.positionals;
  if (!sourceDir || args.positionals.length > 1) {
    error(USAGE);
    return 2;
  }
  try {
    const name = args.flags.get('name');
    const model = await importModel({
      sourceDir,
      dataDir: dataDirFrom(args, environment),
      ...(name !== undefined ? { name } : {}),
    });
    log(`Imported ${model.name} into ${model.dir}`);
    log(`ONNX files: ${model.onnxFiles.join(', ')}`);
    log(`Smoke check passed: dimensions ${model.dimensions}, embedder id ${model.embedderId}`);
    return 0;
  } catch (e) {
    error(e instanceof EmbeddingError ? `${e.code}: ${e.message}` : String((e as Error)?.stack ?? e));
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
