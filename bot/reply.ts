/**
 * The neutral reply every channel renders (web widget, Zalo, Telegram, CLI). Channels switch on
 * `kind` exhaustively, so a new kind breaks the build wherever it is not handled.
 */

/** A part of a procedure a citizen can ask about on its own. */
export type Aspect = 'documents' | 'fee' | 'time' | 'where' | 'online' | 'legal' | 'steps';

/** One document line of an answer card. */
export interface CardDocument {
  name: string;
  /** "bản chính", "bản sao"… or empty. */
  form: string;
  count: number;
  note?: string;
}

/** Structured answer card for a procedure, composed from its fields. */
export interface ProcedureCard {
  procedureId: string;
  title: string;
  summary: string;
  documents: CardDocument[];
  fee: string;
  processingTime: string;
  where: string;
  onlineLevel: string;
  portalUrl?: string;
  legalBasis: string[];
  /** Our own page with every detail of the procedure. */
  detailUrl: string;
}

/** A link button (portal, detail page). */
export interface ReplyLink {
  label: string;
  url: string;
}

/** A tappable choice; `id` is the entry id, `label` short. */
export interface ReplyChoice {
  id: string;
  label: string;
}

interface ReplyBase {
  /** Plain-text rendering (≤ 2,000 characters) for channels without rich parts. */
  text: string;
}

/** A confident answer. */
export interface AnswerReply extends ReplyBase {
  kind: 'answer';
  entryId: string;
  procedureId: string | null;
  /** Set when only one part was asked ("phí bao nhiêu?"). */
  aspect?: Aspect;
  card?: ProcedureCard;
  links: ReplyLink[];
  qr?: { png: string; svg: string };
  /** Short follow-up questions the citizen can tap. */
  suggestions: string[];
}

/** A close call: let the citizen pick. */
export interface ChoicesReply extends ReplyBase {
  kind: 'choices';
  choices: ReplyChoice[];
}

/** Nothing relevant, out of scope, or unusable input. */
export interface FallbackReply extends ReplyBase {
  kind: 'fallback';
  reason: 'no-match' | 'out-of-scope' | 'need-topic' | 'empty';
  hotline: string;
  officeHours: string;
  suggestions: string[];
}

export type Reply = AnswerReply | ChoicesReply | FallbackReply;

/** One ranked match as the HTTP contract shows it. */
export interface Match {
  id: string;
  /** Canonical question of a Q&A entry, or a procedure's official name. */
  title: string;
  /** Official procedure name, or null for general information. */
  procedure: string | null;
  score: number;
}

/** What the assistant returns for one message. */
export interface ChatResult {
  reply: Reply;
  matches: Match[];
}

/** A message from any channel, in neutral form. */
export interface InboundMessage {
  channel: 'web' | 'zalo' | 'telegram' | 'cli' | 'api';
  /** Per-channel user or session id; sessions are keyed by channel + this id. */
  userId: string;
  messageId?: string;
  text: string;
  time?: Date;
}
