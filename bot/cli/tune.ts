// Parameter sweep for retrieval and answer-policy settings on the dev set and both independent sets.
// Usage: npx tsx bot/cli/tune.ts '[{}, {"minScore": 0.22}]'  (MISSES=1|2 prints the misses of set 1|2).
// Pick values that help every set, never a single question.
import { loadBundle } from '../../knowledge/bundle-loader.ts';
import { buildSnapshot } from '../knowledge-snapshot.ts';
import { Assistant } from '../assistant.ts';
import { MemorySessionStore } from '../session-store.ts';
import { linkBuilder } from '../card.ts';
import { DEFAULT_POLICY } from '../answer-policy.ts';
import { evaluate, loadEvalSets } from './eval-core.ts';
import { createVectorEnhancer } from '../vector-setup.ts';
import { loadConfig } from '../config.ts';
import { mkdtempSync } from 'node:fs';
const bundle = loadBundle(undefined, { today: new Date(), staleAfterDays: 180 });
const dev = loadEvalSets('../shared/eval', 'dev');
const extra = loadEvalSets('tests/eval/set1', 'extra');
const extra2 = loadEvalSets('tests/eval/set2', 'extra');
const grid: Array<Record<string, number>> = JSON.parse(process.argv[2] ?? '[{}]');
const dir = mkdtempSync('/tmp/tune-');
for (const g of grid) {
  const { minCoverage, closeCallRatio, minScore, w, semanticSimilarity, semanticMinCoverage, ...lex } = g;
  const cfg = loadConfig({ DATA_DIR: dir, RETRIEVER: 'hybrid', ...(w !== undefined ? { HYBRID_LEXICAL_WEIGHT: String(w) } : {}) });
  const enh = createVectorEnhancer(cfg)!;
  const kb = await enh(buildSnapshot(bundle, lex));
  const policy = { ...DEFAULT_POLICY, ...(minCoverage !== undefined ? { minCoverage } : {}), ...(closeCallRatio ? { closeCallRatio } : {}), ...(minScore !== undefined ? { minScore } : {}), ...(semanticSimilarity !== undefined ? { semanticSimilarity } : {}), ...(semanticMinCoverage !== undefined ? { semanticMinCoverage } : {}) };
  const a = new Assistant({ knowledge: () => kb, sessions: new MemorySessionStore(), links: linkBuilder(''), options: { policy } });
  const d = await evaluate(a, dev);
  const e = await evaluate(a, extra);
  const e2 = await evaluate(a, extra2);
  const fmt = (r: typeof d) => `t1 ${r.top1} pl ${r.top1NoDiacritics} t3 ${r.top3} ref ${r.refusal} wr ${r.wrongRefusal} fu ${r.followups}`;
  console.log(JSON.stringify(g), '| dev', fmt(d), `| extra ${fmt(e)}`, `| extra2 ${fmt(e2)}`);
  if (process.env.MISSES) for (const m of (process.env.MISSES === '2' ? e2 : e).misses) console.log('   ', m);
}
