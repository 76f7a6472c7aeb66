/**
 * `npm run eval [-- --retriever lexical|vector|hybrid] [--sets DIR] [--json]`: retrieval quality on
 * the dev sets, in-process, with the same metrics as ../shared/eval/run-http-eval.mjs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { defaultEnhancer } from '../modules.ts';
import { evaluate, formatReport, loadEvalSets, type EvalSets } from './eval-core.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback?: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};

let sets: EvalSets;
try {
  sets = loadEvalSets(resolve(opt('--sets', '../shared/eval')!), opt('--prefix', 'dev')!);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const dataDir = mkdtempSync(join(tmpdir(), 'smartbot-eval-'));
try {
  const retriever = opt('--retriever', process.env.RETRIEVER ?? 'hybrid');
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', RETRIEVER: retriever });
  const handle = await buildApp(config, { enhance: await defaultEnhancer(config) });
  const report = await evaluate(handle.assistant, sets);
  await handle.close();
  if (args.includes('--json')) console.log(JSON.stringify(report, null, 1));
  else console.log(formatReport(report, `retriever=${handle.runtime.snapshot().retriever.name}`));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
