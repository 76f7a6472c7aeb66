/**
 * The assistant's core: one neutral message in, one neutral reply out. It keeps dialogue state
 * for follow-ups, applies the answer policy and composes replies. No HTTP, no channel details.
 */
import type { RetrievalHit } from '../knowledge/retriever.ts';
import { fold, normalizeText } from '../knowledge/text/normalize.ts';
import { decide, DEFAULT_POLICY, type PolicyOptions } from './answer-policy.ts';
import { ASPECT_PROMPTS, detectAspects, onlyGenericWords, stripAspectPhrases } from './aspects.ts';
import { buildCard, renderAspectText, renderCardText, shorten, type LinkBuilder } from './card.ts';
import type { KnowledgeSnapshot } from './knowledge-snapshot.ts';
import type { AnswerReply, Aspect, ChatResult, FallbackReply, InboundMessage, Match, Reply, ReplyChoice } from './reply.ts';
import type { DialogueState, SessionStore } from './session-store.ts';
import { fillWardPlaceholders } from './ward-text.ts';

/** Q&A tag (folded) marking matters handled by other offices. */
const OUT_OF_SCOPE_TAG = 'ngoai pham vi';

/** Receives every handled message (already answered) for transcripts and analytics. */
export type TranscriptSink = (message: InboundMessage, result: ChatResult) => number | void;

export interface AssistantOptions {
  policy: PolicyOptions;
  /** Dialogue state older than this is forgotten (a new visit starts fresh). */
  sessionTtlMs: number;
  /** Procedure ids suggested when the bot cannot help; the first existing ones are used. */
  suggestedTopics: string[];
  retrieveK: number;
  /** A message this short that shares words with the current procedure is read as a follow-up. */
  followUpMaxWords: number;
  followUpMinCoverage: number;
}

export const DEFAULT_ASSISTANT_OPTIONS: AssistantOptions = {
  policy: DEFAULT_POLICY,
  sessionTtlMs: 30 * 60_000,
  suggestedTopics: ['dang-ky-khai-sinh', 'dang-ky-thuong-tru', 'cap-the-can-cuoc', 'chung-thuc-ban-sao-tu-ban-chinh'],
  retrieveK: 10,
  followUpMaxWords: 8,
  followUpMinCoverage: 0.3,
};

export interface AssistantDeps {
  /** Current knowledge; called per message so content edits apply to the next question. */
  knowledge: () => KnowledgeSnapshot;
  sessions: SessionStore;
  links: LinkBuilder;
  transcripts?: TranscriptSink;
  options?: Partial<AssistantOptions>;
}

/** The assistant: `handle` never throws for content reasons; callers add an error boundary. */
export class Assistant {
  private readonly options: AssistantOptions;

  constructor(private readonly deps: AssistantDeps) {
    this.options = { ...DEFAULT_ASSISTANT_OPTIONS, ...deps.options };
  }

  async handle(message: InboundMessage): Promise<ChatResult & { transcriptId?: number }> {
    const kb = this.deps.knowledge();
    const key = `${message.channel}:${message.userId}`;
    const state = this.freshState(key, message.time ?? new Date());
    const result = await this.respond(kb, message.text, state);
    this.deps.sessions.set(key, result.state);
    const chat: ChatResult = { reply: result.reply, matches: result.matches };
    const transcriptId = this.deps.transcripts?.(message, chat);
    return typeof transcriptId === 'number' ? { ...chat, transcriptId } : chat;
  }

  /** Forgets a conversation ("Bắt đầu lại"). */
  reset(channel: InboundMessage['channel'], userId: string): void {
    this.deps.sessions.delete(`${channel}:${userId}`);
  }

  private freshState(key: string, now: Date): DialogueState | undefined {
    const state = this.deps.sessions.get(key);
    if (!state) return undefined;
    return now.getTime() - Date.parse(state.updatedAt) <= this.options.sessionTtlMs ? state : undefined;
  }

  private async respond(kb: KnowledgeSnapshot, text: string, state: DialogueState | undefined): Promise<{ reply: Reply; matches: Match[]; state: DialogueState }> {
    const now = new Date().toISOString();
    const normalized = normalizeText(text);
    if (!normalized) return { reply: this.fallback(kb, 'empty'), matches: [], state: { ...state, updatedAt: now } };

    const chosen = state?.choices && this.pickChoice(normalized, state.choices);
    if (chosen && kb.entries.has(chosen)) {
      const hit: RetrievalHit = { entryId: chosen, score: 1, coverage: 1 };
      return this.answerEntry(kb, hit, undefined, [hit], now);
    }

    const folded = kb.analyzer.analyze(text).folded;
    const aspects = detectAspects(folded);
    const stripped = stripAspectPhrases(folded);
    const topicless = onlyGenericWords(stripped) || kb.analyzer.analyze(stripped).weights.every((w) => w < 1);
    const hits = await kb.retriever.search(text, this.options.retrieveK);
    const decision = decide(hits, kb.entries, this.options.policy);
    const current = state?.procedureId && kb.procedures.has(state.procedureId) ? state.procedureId : undefined;

    if (current && aspects.length > 0) {
      // Short follow-ups share words with many entries; only a well-covered other topic switches.
      // It must also fit clearly better than the current procedure does ("giấy chứng nhận" fits
      // both hộ kinh doanh and hộ nghèo: stay with the one being discussed).
      const currentFit = kb.lexical.scoreEntries(text, [current]).get(current)?.coverage ?? 0;
      const newTopic =
        decision.type === 'answer' &&
        !topicless &&
        decision.hit.coverage >= this.options.policy.switchCoverage &&
        decision.hit.coverage >= currentFit + this.options.policy.switchMargin &&
        (decision.hit.lexical ?? decision.hit.score) >= this.options.policy.switchLexical &&
        kb.entries.get(decision.hit.entryId)?.procedureId !== current;
      if (!newTopic) {
        const hit = hits.find((h) => h.entryId === current) ?? { entryId: current, score: 1, coverage: 1 };
        return this.answerEntry(kb, hit, aspects[0], [hit, ...hits.filter((h) => h.entryId !== current)], now);
      }
    }
    // "Phí bao nhiêu?" with no procedure in context: ask which one, unless an entry is about
    // exactly this question ("hướng dẫn nộp hồ sơ trực tuyến" is a topic of its own).
    const exact = decision.type === 'answer' && decision.hit.coverage >= this.options.policy.sureCoverage && decision.hit.score >= this.options.policy.sureScore;
    if (aspects.length > 0 && topicless && !exact) {
      return { reply: this.fallback(kb, 'need-topic'), matches: this.matches(kb, hits), state: { updatedAt: now } };
    }
    switch (decision.type) {
      case 'answer': {
        // Entries staff tag "ngoài phạm vi" describe matters other offices handle (passports,
        // divorce at court…): the reply is a refusal that points to the right office.
        const outOfScope = this.outOfScope(kb, decision.hit.entryId);
        if (outOfScope) return { reply: outOfScope, matches: this.matches(kb, hits), state: { ...(current ? { procedureId: current } : {}), updatedAt: now } };
        // A first question about documents gets the whole card: it lists the documents anyway,
        // and the citizen also needs fee, time and place before going.
        const aspect = aspects[0] === 'documents' ? undefined : aspects[0];
        return this.answerEntry(kb, decision.hit, aspect, hits, now);
      }
      case 'choices': {
        const choices = decision.hits.map((h) => this.choiceOf(kb, h));
        const lines = choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
        return {
          reply: { kind: 'choices', text: `Câu hỏi của bạn có thể thuộc một trong các thủ tục sau. Bạn chọn giúp một mục (gõ số hoặc bấm chọn):\n${lines}`, choices },
          matches: this.matches(kb, hits),
          state: { ...(current ? { procedureId: current } : {}), choices, updatedAt: now },
        };
      }
      case 'fallback': {
        // "Con tôi 5 tuổi thì sao?" right after a procedure: nothing matches on its own, but the
        // words fit the procedure being discussed, so answer about it rather than refuse.
        const related = current && this.relatesTo(kb, text, current);
        if (related) return this.answerEntry(kb, related, undefined, [related, ...hits.filter((h) => h.entryId !== current)], now);
        return { reply: this.fallback(kb, 'no-match'), matches: this.matches(kb, hits), state: { ...(current ? { procedureId: current } : {}), updatedAt: now } };
      }
    }
  }

  /** Lexical evidence that a short message is about `procedureId`, or undefined. */
  private relatesTo(kb: KnowledgeSnapshot, text: string, procedureId: string): RetrievalHit | undefined {
    if (normalizeText(text).split(' ').length > this.options.followUpMaxWords) return undefined;
    const hit = kb.lexical.scoreEntries(text, [procedureId]).get(procedureId);
    return hit && hit.coverage >= this.options.followUpMinCoverage ? hit : undefined;
  }

  /** "1", "2", a label or an entry id selects one of the last offered choices. */
  private pickChoice(normalized: string, choices: ReplyChoice[]): string | undefined {
    const n = Number.parseInt(normalized, 10);
    if (String(n) === normalized && n >= 1 && n <= choices.length) return choices[n - 1]!.id;
    const target = fold(normalized);
    return choices.find((c) => fold(normalizeText(c.id)) === target || fold(normalizeText(c.label)) === target)?.id;
  }

  private choiceOf(kb: KnowledgeSnapshot, hit: RetrievalHit): ReplyChoice {
    const entry = kb.entries.get(hit.entryId);
    const procedure = entry?.procedureId ? kb.procedures.get(entry.procedureId) : undefined;
    return { id: procedure?.id ?? hit.entryId, label: shorten(procedure?.name ?? entry?.title ?? hit.entryId, 80) };
  }

  private answerEntry(kb: KnowledgeSnapshot, hit: RetrievalHit, aspect: Aspect | undefined, hits: readonly RetrievalHit[], now: string) {
    const entry = kb.entries.get(hit.entryId)!;
    const procedure = entry.procedureId ? kb.procedures.get(entry.procedureId) : undefined;
    const links = this.deps.links;
    const card = procedure ? buildCard(procedure, links) : undefined;
    let text: string;
    if (entry.kind === 'procedure' && card && procedure) {
      text = aspect ? renderAspectText(card, procedure, aspect) : renderCardText(card);
    } else {
      const answer = fillWardPlaceholders(kb.qa.get(entry.id)?.answer ?? entry.body, kb.ward);
      text = procedure && card ? `${answer}\n\nThủ tục liên quan: ${procedure.name}\nXem đầy đủ: ${card.detailUrl}` : answer;
    }
    const reply: AnswerReply = {
      kind: 'answer',
      text: text.length <= 2000 ? text : shorten(text, 2000),
      entryId: entry.id,
      procedureId: procedure?.id ?? null,
      ...(aspect && entry.kind === 'procedure' ? { aspect } : {}),
      ...(card && entry.kind === 'procedure' ? { card } : {}),
      links: procedure
        ? [
            ...(procedure.portalUrl ? [{ label: 'Nộp hồ sơ trực tuyến', url: procedure.portalUrl }] : []),
            { label: 'Xem chi tiết thủ tục', url: links.detail(procedure.id) },
          ]
        : [],
      ...(procedure?.portalUrl ? { qr: { png: links.qrPng(procedure.id), svg: links.qrSvg(procedure.id) } } : {}),
      suggestions: procedure ? (Object.keys(ASPECT_PROMPTS) as Aspect[]).filter((a) => a !== aspect && a !== 'legal').slice(0, 4).map((a) => ASPECT_PROMPTS[a]) : [],
    };
    const ordered = [hit, ...hits.filter((h) => h.entryId !== hit.entryId)];
    return { reply, matches: this.matches(kb, ordered), state: { ...(procedure ? { procedureId: procedure.id } : {}), entryId: entry.id, updatedAt: now } as DialogueState };
  }

  /** The refusal for an entry tagged "ngoài phạm vi", or undefined for an ordinary entry. */
  private outOfScope(kb: KnowledgeSnapshot, entryId: string): FallbackReply | undefined {
    const qa = kb.qa.get(entryId);
    if (!qa || !qa.tags.some((t) => fold(t).toLowerCase() === OUT_OF_SCOPE_TAG)) return undefined;
    const base = this.fallback(kb, 'out-of-scope');
    const text = `${fillWardPlaceholders(qa.answer, kb.ward)}\nCần hỗ trợ trực tiếp: gọi ${kb.ward.hotline} (${kb.ward.officeHours}).`;
    return { ...base, text: text.length <= 2000 ? text : shorten(text, 2000) };
  }

  private fallback(kb: KnowledgeSnapshot, reason: FallbackReply['reason']): FallbackReply {
    const ward = kb.ward;
    const topics = this.options.suggestedTopics.filter((id) => kb.procedures.has(id)).slice(0, 3);
    const suggestions = (topics.length ? topics : [...kb.procedures.keys()].slice(0, 3)).map((id) => kb.procedures.get(id)!.name);
    const lead =
      reason === 'need-topic'
        ? 'Bạn đang hỏi về thủ tục nào ạ? Bạn gõ giúp tên thủ tục, ví dụ "đăng ký khai sinh".'
        : reason === 'empty'
          ? 'Bạn gõ câu hỏi về thủ tục hành chính giúp tôi nhé.'
          : `Xin lỗi, tôi chưa có thông tin về câu hỏi này. Tôi hướng dẫn các thủ tục hành chính do ${ward.name} giải quyết (hộ tịch, chứng thực, cư trú, căn cước, bảo trợ xã hội…). Bạn có thể hỏi lại bằng tên thủ tục, ví dụ "đăng ký khai sinh".`;
    const text = `${lead}\nCần hỗ trợ trực tiếp: gọi ${ward.hotline} (${ward.officeHours}).\nMột số chủ đề thường hỏi:\n${suggestions.map((s) => `• ${s}`).join('\n')}`;
    return { kind: 'fallback', reason, text: shorten(text, 2000), hotline: ward.hotline, officeHours: ward.officeHours, suggestions };
  }

  private matches(kb: KnowledgeSnapshot, hits: readonly RetrievalHit[]): Match[] {
    return hits.slice(0, 5).flatMap((h) => {
      const entry = kb.entries.get(h.entryId);
      if (!entry) return [];
      const procedure = entry.procedureId ? kb.procedures.get(entry.procedureId) : undefined;
      return [{ id: entry.id, title: entry.title, procedure: procedure?.name ?? null, score: Math.round(h.score * 1000) / 1000 }];
    });
  }
}
