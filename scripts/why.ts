// Debug helper: prints the analysis and top hits of a question against the bundled knowledge base.
import { loadBundle } from '../knowledge/bundle-loader.ts';
import { buildSnapshot } from '../bot/knowledge-snapshot.ts';
const b = loadBundle(undefined, { today: new Date(), staleAfterDays: 180 });
const kb = buildSnapshot(b);
for (const q of process.argv.slice(2)) {
  console.log(q, '=>', kb.analyzer.analyze(q).terms.join(' '));
  for (const h of kb.lexical.search(q, 5)) console.log('  ', h.entryId, h.score.toFixed(3), 'cov', h.coverage.toFixed(2));
}
