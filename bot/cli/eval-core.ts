/**
 * Evaluation metrics over JSONL sets: top-1/top-3 (with and without diacritics), refusals on
 * negatives, wrong refusals, follow-up turn accuracy and the list of misses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fold } from '../../knowledge/text/normalize.ts';
import type { Assistant } from '../assistant.ts';
import type { Match } from '../reply.ts';

export interface EvalSets {
  positives: Array<{ q: string; expect: string }>;
  negatives: Array<{ q: string }>;
  dialogues: Array<{ turns: Array<{ q: string; expect: string }> }>;
}

export interface EvalReport {
  top1: number;
  top3: number;
  top1NoDiacritics: number;
  refusal: number;
  wrongRefusal: number;
  followups: number;
  n: number;
  nPlain: number;
  nNegatives: number;
  nTurns: number;
  misses: string[];
  p50Ms: number;
  p99Ms: number;
}

function readJsonl<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}

/**
 * Loads `<prefix>.jsonl`, `<prefix>-negative.jsonl`, `<prefix>-dialogues.jsonl` from a folder.
 * @throws Error when none of them exists: a mistyped folder or prefix must not report 0 %.
 */
export function loadEvalSets(dir: string, prefix = 'dev'): EvalSets {
  const files = [`${prefix}.jsonl`, `${prefix}-negative.jsonl`, `${prefix}-dialogues.jsonl`].map((f) => join(dir, f));
  if (!files.some((f) => existsSync(f))) {
    throw new Error(`Không tìm thấy bộ đánh giá nào: cần ít nhất một trong các tệp ${files.join(', ')} (kiểm tra --sets và --prefix).`);
  }
  const [positives, negatives, dialogues] = files;
  return { positives: readJsonl(positives!), negatives: readJsonl(negatives!), dialogues: readJsonl(dialogues!) };
}

const lower = (s: string) => fold(s).toLowerCase();
const fits = (m: Match | undefined, expect: string) => !!m && new RegExp(expect).test(lower(`${m.title ?? ''} ${m.procedure ?? ''}`));

/** Runs every set through the assistant (fresh session per question, one per dialogue). */
export async function evaluate(assistant: Assistant, sets: EvalSets): Promise<EvalReport> {
  let sid = 0;
  // Session ids unique per run, so two runs against one assistant never share dialogue state.
  const run = Math.random().toString(36).slice(2, 8);
  const r = { top1: 0, top3: 0, n: 0, plain: 0, nPlain: 0, refused: 0, wrong: 0, turnsOk: 0, nTurns: 0 };
  const misses: string[] = [];
  const latencies: number[] = [];
  const ask = async (session: string, text: string) => {
    const t0 = performance.now();
    const res = await assistant.handle({ channel: 'api', userId: session, text });
    latencies.push(performance.now() - t0);
    return res;
  };
  for (const item of sets.positives) {
    const variants = lower(item.q) === item.q.toLowerCase() ? [item.q] : [item.q, lower(item.q)];
    for (const [i, q] of variants.entries()) {
      const res = await ask(`e${run}-${++sid}`, q);
      const ok1 = res.reply.kind === 'answer' && fits(res.matches[0], item.expect);
      const ok3 = res.reply.kind !== 'fallback' && res.matches.slice(0, 3).some((m) => fits(m, item.expect));
      if (i === 1) {
        r.nPlain++;
        if (ok1) r.plain++;
      } else {
        r.n++;
        if (ok1) r.top1++;
        if (ok3) r.top3++;
      }
      if (res.reply.kind === 'fallback') r.wrong++;
      if (!ok1) misses.push(`miss [${item.expect}] "${q}" -> ${res.reply.kind}: ${res.matches[0]?.title ?? '-'} (${res.matches[0]?.score ?? '-'})`);
    }
  }
  for (const item of sets.negatives) {
    const res = await ask(`e${run}-${++sid}`, item.q);
    if (res.reply.kind === 'fallback') r.refused++;
    else misses.push(`not refused "${item.q}" -> ${res.reply.kind}: ${res.matches[0]?.title ?? '-'} (${res.matches[0]?.score ?? '-'})`);
  }
  for (const d of sets.dialogues) {
    const session = `d${run}-${++sid}`;
    for (const t of d.turns) {
      const res = await ask(session, t.q);
      r.nTurns++;
      if (res.reply.kind === 'answer' && fits(res.matches[0], t.expect)) r.turnsOk++;
      else misses.push(`turn miss [${t.expect}] "${t.q}" -> ${res.reply.kind}: ${res.matches[0]?.title ?? '-'}`);
    }
  }
  const pct = (a: number, b: number) => (b ? Math.round((1000 * a) / b) / 10 : 0);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0) * 100) / 100;
  return {
    top1: pct(r.top1, r.n),
    top3: pct(r.top3, r.n),
    top1NoDiacritics: pct(r.plain, r.nPlain),
    refusal: pct(r.refused, sets.negatives.length),
    wrongRefusal: pct(r.wrong, r.n + r.nPlain),
    followups: pct(r.turnsOk, r.nTurns),
    n: r.n,
    nPlain: r.nPlain,
    nNegatives: sets.negatives.length,
    nTurns: r.nTurns,
    misses,
    p50Ms: q(0.5),
    p99Ms: q(0.99),
  };
}

/** Human-readable report: misses first, then one summary block. */
export function formatReport(r: EvalReport, label: string): string {
  return [
    ...r.misses,
    `--- ${label}`,
    `top-1: ${r.top1}% (n=${r.n})   top-3: ${r.top3}%   top-1 không dấu: ${r.top1NoDiacritics}% (n=${r.nPlain})`,
    `từ chối đúng (câu ngoài phạm vi): ${r.refusal}% (n=${r.nNegatives})   từ chối nhầm: ${r.wrongRefusal}%   hỏi nối tiếp: ${r.followups}% (n=${r.nTurns})`,
    `độ trễ trả lời p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms`,
  ].join('\n');
}
