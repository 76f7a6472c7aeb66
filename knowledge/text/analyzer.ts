/**
 * Turns text into retrieval terms: normalise → expand abbreviations → canonicalise synonyms →
 * folded syllables + syllable bigrams. The same analyzer runs on content and on questions, so
 * every rewrite is symmetric and a question without diacritics meets accented content.
 */
import type { Lexicon } from '../schema.ts';
import { fold, hasDiacritics, normalizeText, syllables } from './normalize.ts';

/** Result of analysing one text. */
export interface AnalyzedText {
  /** Canonical accented syllables after abbreviation and synonym rewriting. */
  tokens: string[];
  /** Retrieval terms: folded syllables (stopwords removed) and folded syllable bigrams "a_b". */
  terms: string[];
  /** Folded form of the rewritten text, for phrase checks. */
  folded: string;
  /** Query weight of each term (parallel to `terms`): 1, or less for weak words and their bigrams. */
  weights: number[];
}

/** True for a syllable-bigram term ("khai_sinh"), false for a single syllable. */
export const isBigram = (term: string): boolean => term.includes('_');

/** Weight of a weak word, and of a bigram joining a content word to a stop or weak word. */
export const WEAK_WEIGHT = 0.3;

interface PhraseRule {
  /** Folded syllables of the phrase. */
  folded: string[];
  /** Accented syllables of the phrase. */
  accented: string[];
  /** Canonical replacement (accented syllables). */
  replacement: string[];
}

const hasMarks = hasDiacritics;
/** Marks other than "đ": abbreviations are often typed with đ ("đk", "sđt") and still mean the same. */
const hasToneOrVowelMarks = (token: string): boolean => hasDiacritics(token.replace(/đ/g, 'd'));

/** Compiled lexicon: cheap to apply per message; rebuild when staff edit the lexicon. */
export class Analyzer {
  private readonly abbreviations = new Map<string, string[]>();
  private readonly rulesByFirst = new Map<string, PhraseRule[]>();
  private readonly stopAccented = new Set<string>();
  private readonly stopFolded = new Set<string>();
  private readonly weak = new Set<string>();
  private readonly weakPhrases: string[][] = [];
  /** Folded stopwords that are also content words once accented: weak only in unaccented input. */
  private readonly ambiguous = new Set<string>();

  /**
   * @param vocabulary accented syllables of the knowledge content. An unaccented word that folds
   *   to both a stopword and a content word ("ban": bạn / bản, "can": cần / căn) is then kept as a
   *   weak term instead of being dropped, so "ban sao" still finds "bản sao".
   */
  constructor(lexicon: Lexicon, vocabulary: Iterable<string> = []) {
    for (const [abbr, expansion] of Object.entries(lexicon.abbreviations)) {
      this.abbreviations.set(fold(normalizeText(abbr)), syllables(normalizeText(expansion)));
    }
    for (const group of lexicon.synonyms) {
      const replacement = syllables(normalizeText(group[0] ?? ''));
      for (const phrase of group) {
        const accented = syllables(normalizeText(phrase));
        if (accented.length === 0) continue;
        const rule: PhraseRule = { accented, folded: accented.map(fold), replacement };
        const key = rule.folded[0]!;
        const list = this.rulesByFirst.get(key) ?? [];
        list.push(rule);
        this.rulesByFirst.set(key, list);
      }
    }
    // Longest phrase first, so "nhập hộ khẩu" wins over "hộ khẩu".
    for (const list of this.rulesByFirst.values()) list.sort((a, b) => b.folded.length - a.folded.length);
    // One-syllable weak words are weak wherever they appear; longer ones only where the whole
    // phrase appears ("cần gì" must not weaken "căn" in "căn cước").
    for (const phrase of lexicon.weakWords) {
      const syls = syllables(fold(normalizeText(phrase)));
      if (syls.length === 1) this.weak.add(syls[0]!);
      else if (syls.length > 1) this.weakPhrases.push(syls);
    }
    for (const word of lexicon.stopwords) {
      const n = normalizeText(word);
      this.stopAccented.add(n);
      this.stopFolded.add(fold(n));
    }
    for (const word of vocabulary) {
      const folded = fold(word);
      if (this.stopFolded.has(folded) && !this.stopAccented.has(word)) {
        this.stopFolded.delete(folded);
        this.ambiguous.add(folded);
      }
    }
  }

  /** Accented syllables after abbreviation expansion and synonym canonicalisation. */
  rewrite(text: string): string[] {
    const expanded: string[] = [];
    for (const token of syllables(normalizeText(text))) {
      const expansion = hasToneOrVowelMarks(token) ? undefined : this.abbreviations.get(fold(token));
      if (expansion) expanded.push(...expansion);
      else expanded.push(token);
    }
    const out: string[] = [];
    for (let i = 0; i < expanded.length; ) {
      const rule = this.matchRule(expanded, i);
      if (rule) {
        out.push(...rule.replacement);
        i += rule.folded.length;
      } else {
        out.push(expanded[i]!);
        i += 1;
      }
    }
    return out;
  }

  /** True when the syllable carries no meaning for retrieval. */
  isStopword(token: string): boolean {
    return hasMarks(token) ? this.stopAccented.has(token) : this.stopFolded.has(token);
  }

  /** Full analysis: rewritten tokens, retrieval terms and folded text. */
  analyze(text: string): AnalyzedText {
    // Decided on what was typed: rewriting adds accents ("ko" → "không").
    const unaccented = !syllables(normalizeText(text)).some(hasMarks);
    const tokens = this.rewrite(text);
    const foldedTokens = tokens.map(fold);
    const terms: string[] = [];
    const weights: number[] = [];
    const stops = tokens.map((t) => this.isStopword(t));
    // In a question typed with diacritics, an unmarked word is spelled as meant ("con" = child),
    // so folded ambiguity only matters when the whole question is unaccented — and not for a
    // syllable that a phrase rule or abbreviation gave its marks ("khai tu" → "khai tử"): the
    // rule has already said which word it is.
    // Numbers ("1 tuần", "82 tuổi") describe the case, not the procedure.
    const weak = foldedTokens.map((t, i) => stops[i] || this.weak.has(t) || /^\d+$/.test(t) || (unaccented && !hasMarks(tokens[i]!) && this.ambiguous.has(t)));
    for (const phrase of this.weakPhrases) {
      for (let i = 0; i + phrase.length <= foldedTokens.length; i++) {
        if (phrase.every((syl, j) => foldedTokens[i + j] === syl)) for (let j = 0; j < phrase.length; j++) weak[i + j] = true;
      }
    }
    for (let i = 0; i < tokens.length; i++) {
      if (!stops[i]) {
        terms.push(foldedTokens[i]!);
        weights.push(weak[i] ? WEAK_WEIGHT : 1);
      }
      if (i + 1 < tokens.length && !(stops[i] && stops[i + 1])) {
        terms.push(`${foldedTokens[i]}_${foldedTokens[i + 1]}`);
        weights.push(weak[i] || weak[i + 1] ? WEAK_WEIGHT : 1);
      }
    }
    return { tokens, terms, folded: foldedTokens.join(' '), weights };
  }

  /**
   * A phrase matches on accented syllables when the citizen typed marks, and on folded syllables
   * otherwise — but one-syllable phrases only match accented, because folding makes them
   * ambiguous ("de" is both "đẻ" and "để").
   */
  private matchRule(tokens: string[], start: number): PhraseRule | undefined {
    const candidates = this.rulesByFirst.get(fold(tokens[start]!));
    if (!candidates) return undefined;
    for (const rule of candidates) {
      if (start + rule.folded.length > tokens.length) continue;
      let ok = true;
      for (let j = 0; j < rule.folded.length && ok; j++) {
        const token = tokens[start + j]!;
        if (hasMarks(token) || rule.folded.length === 1) ok = token === rule.accented[j];
        else ok = token === rule.folded[j];
      }
      if (ok) return rule;
    }
    return undefined;
  }
}
