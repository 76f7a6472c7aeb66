import { loadBundle } from '../knowledge/bundle-loader.ts';
import { buildSnapshot } from '../bot/knowledge-snapshot.ts';
import { Assistant } from '../bot/assistant.ts';
import { MemorySessionStore } from '../bot/session-store.ts';
import { linkBuilder } from '../bot/card.ts';
import { DEFAULT_POLICY } from '../bot/answer-policy.ts';
import { evaluate, loadEvalSets } from '../bot/cli/eval-core.ts';
import { createVectorEnhancer } from '../bot/vector-setup.ts';
import { loadConfig } from '../bot/config.ts';
import { mkdtempSync } from 'node:fs';
const bundle = loadBundle(undefined, { today: new Date(), staleAfterDays: 180 });
const dev = loadEvalSets('../shared/eval', 'dev');
const extra = loadEvalSets('eval', 'extra');
const grid: Array<Record<string, number>> = JSON.parse(process.argv[2] ?? '[{}]');
const dir = mkdtempSync('/tmp/tune-');
for (const g of grid) {
  const { minCoverage, closeCallRatio, minScore, w, ...lex } = g;
  const cfg = loadConfig({ DATA_DIR: dir, RETRIEVER: 'hybrid', ...(w !== undefined ? { HYBRID_LEXICAL_WEIGHT: String(w) } : {}) });
  const enh = createVectorEnhancer(cfg)!;
  const kb = await enh(buildSnapshot(bundle, lex));
  const policy = { ...DEFAULT_POLICY, ...(minCoverage !== undefined ? { minCoverage } : {}), ...(closeCallRatio ? { closeCallRatio } : {}), ...(minScore !== undefined ? { minScore } : {}) };
  const a = new Assistant({ knowledge: () => kb, sessions: new MemorySessionStore(), links: linkBuilder(''), options: { policy } });
  const d = await evaluate(a, dev);
  const e = await evaluate(a, extra);
  const fmt = (r: typeof d) => `t1 ${r.top1} pl ${r.top1NoDiacritics} t3 ${r.top3} ref ${r.refusal} wr ${r.wrongRefusal} fu ${r.followups}`;
  console.log(JSON.stringify(g), '| dev', fmt(d), `| extra ${fmt(e)}`);
  if (process.env.MISSES) for (const m of e.misses) console.log('   ', m);
}
