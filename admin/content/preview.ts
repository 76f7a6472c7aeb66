/**
 * "Xem trước": the exact text a citizen receives for an entry (the same card and Q&A rendering the
 * assistant uses) and the QR code printed on answers, for content that may not be saved yet.
 */
import { buildCard, renderCardText, shorten } from '../../bot/card.ts';
import { qrSvg } from '../../bot/qr.ts';
import { fillWardPlaceholders } from '../../bot/ward-text.ts';
import type { Procedure, QaEntry } from '../../knowledge/schema.ts';
import type { AppContext } from '../../bot/app-context.ts';

/** What the preview panel shows. */
export interface Preview {
  text: string;
  /** QR of the online-submission link as a data: URL (allowed by the admin CSP), when there is one. */
  qrDataUrl?: string;
  qrTarget?: string;
  detailUrl?: string;
  /** Why citizens would not see this yet, if so. */
  notLive?: string;
}

/** QR code SVG as a data: URL an <img> can show. */
export async function qrDataUrl(url: string): Promise<string> {
  return `data:image/svg+xml;base64,${Buffer.from(await qrSvg(url)).toString('base64')}`;
}

/** Preview of a procedure: the full answer card text and its QR code. */
export async function previewProcedure(ctx: AppContext, p: Procedure): Promise<Preview> {
  const card = buildCard(p, ctx.links);
  return {
    text: renderCardText(card),
    qrDataUrl: p.portalUrl ? await qrDataUrl(p.portalUrl) : undefined,
    qrTarget: p.portalUrl,
    detailUrl: card.detailUrl,
    notLive: p.status === 'draft' ? 'Đây là bản nháp: người dân chưa thấy cho tới khi chọn "Đã công bố".' : undefined,
  };
}

/** Preview of a Q&A entry: the answer with ward placeholders filled in. */
export async function previewQa(ctx: AppContext, q: QaEntry): Promise<Preview> {
  const ward = ctx.runtime.snapshot().ward;
  const answer = fillWardPlaceholders(q.answer, ward);
  const procedure = q.procedureId ? ctx.store.getProcedure(q.procedureId) : undefined;
  // Same composition as the assistant's answer to a Q&A entry.
  const text = procedure ? `${answer}\n\nThủ tục liên quan: ${procedure.name}\nXem đầy đủ: ${ctx.links.detail(procedure.id)}` : answer;
  const notLive =
    q.status === 'draft'
      ? 'Đây là bản nháp: người dân chưa thấy cho tới khi chọn "Đã công bố".'
      : procedure && procedure.status !== 'published'
        ? 'Thủ tục liên quan đang là bản nháp nên câu hỏi này chưa được trả lời cho người dân.'
        : undefined;
  return { text: text.length <= 2000 ? text : shorten(text, 2000), notLive };
}
