// Debug helper: prints the analysis and top hybrid hits of questions against the bundled knowledge base.
// Usage: npx tsx bot/cli/why.ts "câu hỏi" ["câu hỏi" …]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBundle } from '../../knowledge/bundle-loader.ts';
import { buildSnapshot } from '../knowledge-snapshot.ts';
import { loadConfig } from '../config.ts';
import { createVectorEnhancer } from '../vector-setup.ts';

const bundle = loadBundle(undefined, { today: new Date(), staleAfterDays: 180 });
const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'why-')), RETRIEVER: 'hybrid' });
const kb = await createVectorEnhancer(config)!(buildSnapshot(bundle));
for (const q of process.argv.slice(2)) {
  console.log(q, '=>', kb.analyzer.analyze(q).tokens.join(' '));
  for (const h of await kb.retriever.search(q, 5)) {
    console.log(`   ${h.entryId.padEnd(50)} score ${h.score.toFixed(3)} lex ${(h.lexical ?? 0).toFixed(3)} vec ${(h.vector ?? 0).toFixed(3)} cov ${h.coverage.toFixed(2)}`);
  }
}
