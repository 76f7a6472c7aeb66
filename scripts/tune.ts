// Parameter sweep for lexical retrieval + policy on the dev set (and eval/extra when present).
// Usage: npx tsx scripts/tune.ts   — prints one line per setting; pick robust, not lucky, values.
import { loadBundle } from '../knowledge/bundle-loader.ts';
import { buildSnapshot } from '../bot/knowledge-snapshot.ts';
import { Assistant } from '../bot/assistant.ts';
import { MemorySessionStore } from '../bot/session-store.ts';
import { linkBuilder } from '../bot/card.ts';
import { DEFAULT_POLICY } from '../bot/answer-policy.ts';
import { evaluate, loadEvalSets } from '../bot/cli/eval-core.ts';

const bundle = loadBundle(undefined, { today: new Date(), staleAfterDays: 180 });
const dev = loadEvalSets('../shared/eval', 'dev');
const extra = loadEvalSets('eval', 'extra');
const grid: Array<Record<string, number>> = JSON.parse(process.argv[2] ?? '[{}]');
for (const g of grid) {
  const { minCoverage, closeCallRatio, minScore, ...lex } = g;
  const kb = buildSnapshot(bundle, lex);
  const policy = { ...DEFAULT_POLICY, ...(minCoverage ? { minCoverage } : {}), ...(closeCallRatio ? { closeCallRatio } : {}), ...(minScore ? { minScore } : {}) };
  const a = new Assistant({ knowledge: () => kb, sessions: new MemorySessionStore(), links: linkBuilder(''), options: { policy } });
  const d = await evaluate(a, dev);
  const e = extra.positives.length ? await evaluate(a, extra) : undefined;
  const fmt = (r: typeof d) => `top1 ${r.top1} plain ${r.top1NoDiacritics} top3 ${r.top3} ref ${r.refusal} wrong ${r.wrongRefusal} fu ${r.followups}`;
  console.log(JSON.stringify(g), '| dev', fmt(d), e ? `| extra ${fmt(e)}` : '');
  if (process.env.MISSES) for (const m of (e ?? d).misses) console.log('   ', m);
}
