/**
 * Composes answer cards and their plain-text rendering from a procedure's fields. The text stays
 * within Zalo's 2,000-character limit; everything else is one link away (detail page, portal).
 */
import { DOCUMENT_FORM_LABELS, ONLINE_LEVEL_LABELS, type Procedure } from '../knowledge/schema.ts';
import type { Aspect, ProcedureCard } from './reply.ts';

/** Where public links point. `baseUrl` is empty for same-origin relative links. */
export interface LinkBuilder {
  detail(procedureId: string): string;
  qrPng(procedureId: string): string;
  qrSvg(procedureId: string): string;
}

/** Links under a public base URL (no trailing slash), e.g. "https://bot.phuong.gov.vn". */
export function linkBuilder(baseUrl: string): LinkBuilder {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    detail: (id) => `${base}/thu-tuc/${encodeURIComponent(id)}`,
    qrPng: (id) => `${base}/qr/${encodeURIComponent(id)}.png`,
    qrSvg: (id) => `${base}/qr/${encodeURIComponent(id)}.svg`,
  };
}

export const MAX_REPLY_CHARS = 2000;

/** Shortens text at a sentence or word boundary. */
export function shorten(text: string, max: number): string {
  // Keep line breaks: chat channels show them, and lists read badly as one run-on line.
  const clean = text.replace(/[^\S\n]+/g, ' ').replace(/ ?\n ?/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const sentence = cut.lastIndexOf('. ');
  if (sentence > max * 0.5) return cut.slice(0, sentence + 1);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > 0 ? space : cut.length)}…`;
}

/** Builds the structured card. */
export function buildCard(p: Procedure, links: LinkBuilder): ProcedureCard {
  return {
    procedureId: p.id,
    title: p.name,
    summary: p.summary,
    documents: p.documents.map((d) => ({ name: d.name, form: DOCUMENT_FORM_LABELS[d.form], count: d.count, note: d.note })),
    fee: p.fee,
    processingTime: p.processingTime,
    where: p.where,
    onlineLevel: ONLINE_LEVEL_LABELS[p.onlineLevel],
    portalUrl: p.portalUrl,
    legalBasis: p.legalBasis,
    detailUrl: links.detail(p.id),
  };
}

/** "bản sao, 2 bản": how a document must be brought, for cards and the detail page. */
export function documentExtras(formLabel: string, count: number): string {
  return [formLabel, count > 1 ? `${count} bản` : ''].filter(Boolean).join(', ');
}

function documentLine(d: ProcedureCard['documents'][number]): string {
  const extras = documentExtras(d.form, d.count);
  // Conditions ("nếu nhờ người khác đi nộp") tell citizens which papers apply to them.
  return `• ${d.name}${extras ? ` (${extras})` : ''}${d.note ? ` — ${shorten(d.note, 110)}` : ''}`;
}

function section(aspect: Aspect, card: ProcedureCard, budget: number): string {
  switch (aspect) {
    case 'documents': {
      const lines: string[] = ['Giấy tờ cần chuẩn bị:'];
      let used = lines[0]!.length;
      for (const [i, d] of card.documents.entries()) {
        const line = shorten(documentLine(d), 220);
        if (used + line.length + 1 > budget) {
          lines.push(`• … và ${card.documents.length - i} giấy tờ khác (xem chi tiết)`);
          break;
        }
        lines.push(line);
        used += line.length + 1;
      }
      return lines.join('\n');
    }
    case 'fee':
      return `Lệ phí: ${shorten(card.fee, budget)}`;
    case 'time':
      return `Thời gian giải quyết: ${shorten(card.processingTime, budget)}`;
    case 'where':
      return `Nơi nộp: ${shorten(card.where, budget)}`;
    case 'online':
      return `Trực tuyến: ${card.onlineLevel}.${card.portalUrl ? `\nNộp hồ sơ trực tuyến: ${card.portalUrl}` : ''}`;
    case 'legal':
      return `Căn cứ pháp lý: ${shorten(card.legalBasis.join('; ') || 'chưa cập nhật', budget)}`;
    case 'steps':
      return '';
    default: {
      const never: never = aspect;
      return never;
    }
  }
}

/** Plain-text card: what it is, documents, fee, time, where, online link, legal basis. */
export function renderCardText(card: ProcedureCard): string {
  const head = `📄 ${card.title}\n${shorten(card.summary, 300)}`;
  const tail = `Xem đầy đủ: ${card.detailUrl}`;
  const fixed = [
    section('fee', card, 260),
    section('time', card, 220),
    section('where', card, 280),
    section('online', card, 200),
    `Căn cứ: ${shorten(card.legalBasis.slice(0, 3).join('; ') || 'chưa cập nhật', 200)}`,
  ];
  const used = head.length + tail.length + fixed.reduce((n, s) => n + s.length + 2, 0) + 4;
  const docs = section('documents', card, Math.max(200, MAX_REPLY_CHARS - used - 20));
  const text = [head, docs, ...fixed, tail].join('\n\n');
  return text.length <= MAX_REPLY_CHARS ? text : `${text.slice(0, MAX_REPLY_CHARS - tail.length - 3)}…\n${tail}`;
}

/** Plain-text answer to one part of a procedure ("phí bao nhiêu?"). */
export function renderAspectText(card: ProcedureCard, procedure: Procedure, aspect: Aspect): string {
  const title = `📄 ${card.title}`;
  const tail = `Xem đầy đủ: ${card.detailUrl}`;
  let body: string;
  if (aspect === 'steps') {
    body = procedure.steps.length
      ? `Các bước thực hiện:\n${procedure.steps.map((s, i) => `${i + 1}. ${shorten(s, 300)}`).join('\n')}`
      : section('where', card, 600);
  } else if (aspect === 'fee' && procedure.feeFreeCases.length) {
    body = `${section('fee', card, 900)}\nĐược miễn: ${shorten(procedure.feeFreeCases.join('; '), 500)}`;
  } else {
    body = section(aspect, card, 1500);
  }
  const text = [title, body, tail].join('\n\n');
  return text.length <= MAX_REPLY_CHARS ? text : `${text.slice(0, MAX_REPLY_CHARS - tail.length - 3)}…\n${tail}`;
}
