/**
 * Groups unanswered questions that mean the same thing, so staff fix one group instead of reading
 * the same question twenty times. Each question is normalised (accents folded, abbreviations
 * expanded by the caller's normaliser), reduced to its meaningful words, and joined to the first
 * group whose representative shares enough words (token Jaccard). Pure and deterministic.
 */

/** One unanswered (or 👎) question. */
export interface InboxQuestion {
  transcriptId: number;
  question: string;
  channel: string;
  at: string;
  /** "fallback" (the bot could not answer) or "down" (answered, but the citizen gave 👎). */
  reason: 'fallback' | 'down';
}

/** A group of similar questions. */
export interface QuestionCluster {
  /** Normalised key of the representative question. */
  key: string;
  /** The most frequent wording, shown as the group's title. */
  sample: string;
  count: number;
  /** Distinct wordings with how often each was asked, most frequent first. */
  variants: Array<{ text: string; key: string; count: number }>;
  channels: Record<string, number>;
  reasons: { fallback: number; down: number };
  firstAt: string;
  lastAt: string;
  transcriptIds: number[];
}

/** How questions are compared. */
export interface ClusterOptions {
  /** Folded, normalised form of a question (the same text → the same key). */
  normalise: (text: string) => string;
  stopwords?: ReadonlySet<string>;
  /** Minimum Jaccard similarity of word sets to join a group. */
  threshold?: number;
}

/** Jaccard similarity of two word sets (1 for two empty sets). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size && !b.size) return 1;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Groups questions; largest groups first. */
export function clusterQuestions(items: readonly InboxQuestion[], options: ClusterOptions): QuestionCluster[] {
  const threshold = options.threshold ?? 0.5;
  const stop = options.stopwords ?? new Set<string>();
  const byKey = new Map<string, InboxQuestion[]>();
  for (const item of items) {
    const key = options.normalise(item.question);
    if (!key) continue;
    byKey.set(key, [...(byKey.get(key) ?? []), item]);
  }
  // Frequent wordings first, so each group is represented by its most common phrasing.
  const keys = [...byKey.keys()].sort((a, b) => byKey.get(b)!.length - byKey.get(a)!.length || a.localeCompare(b));
  const groups: Array<{ tokens: Set<string>; keys: string[] }> = [];
  for (const key of keys) {
    const words = key.split(' ').filter((w) => w && !stop.has(w));
    const tokens = new Set(words.length ? words : key.split(' '));
    let best: (typeof groups)[number] | undefined;
    let bestScore = threshold;
    for (const g of groups) {
      const score = jaccard(tokens, g.tokens);
      if (score >= bestScore) (best = g), (bestScore = score);
    }
    if (best) best.keys.push(key);
    else groups.push({ tokens, keys: [key] });
  }
  return groups
    .map((g) => {
      const members = g.keys.flatMap((k) => byKey.get(k)!);
      const variants = g.keys.map((k) => {
        const list = byKey.get(k)!;
        // Show the wording as a citizen typed it most often for this key.
        const counts = new Map<string, number>();
        for (const m of list) counts.set(m.question.trim(), (counts.get(m.question.trim()) ?? 0) + 1);
        const text = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
        return { text, key: k, count: list.length };
      });
      const channels: Record<string, number> = {};
      for (const m of members) channels[m.channel] = (channels[m.channel] ?? 0) + 1;
      const times = members.map((m) => m.at).sort();
      return {
        key: g.keys[0]!,
        sample: variants[0]!.text,
        count: members.length,
        variants,
        channels,
        reasons: { fallback: members.filter((m) => m.reason === 'fallback').length, down: members.filter((m) => m.reason === 'down').length },
        firstAt: times[0]!,
        lastAt: times[times.length - 1]!,
        transcriptIds: members.map((m) => m.transcriptId),
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
}

/** A readable id for a new entry made from a question ("Giờ làm việc?" → "gio-lam-viec"). */
export function suggestId(question: string, taken: (id: string) => boolean): string {
  const base =
    question
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/gi, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'hoi-dap';
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  return id;
}
