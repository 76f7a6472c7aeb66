/**
 * Server-rendered detail page of one procedure (the "full detail one link away"). Plain HTML with
 * one external stylesheet, so it works under a strict Content-Security-Policy; every value escaped.
 */
import { DOCUMENT_FORM_LABELS, ONLINE_LEVEL_LABELS, type Procedure, type WardProfile } from '../../knowledge/schema.ts';
import { documentExtras, type LinkBuilder } from '../card.ts';
import { esc, safeUrl } from './html.ts';

const list = (items: string[]) => (items.length ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : '<p>Chưa cập nhật.</p>');

/** Renders the page; `undefined` renders a friendly not-found page. */
export function renderProcedurePage(p: Procedure | undefined, ward: WardProfile, links: LinkBuilder): string {
  const head = (title: string) =>
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><link rel="stylesheet" href="/static/page.css"></head><body><main>`;
  const foot = `<footer><p>${esc(ward.centreName)} — ${esc(ward.address)}</p><p>Đường dây nóng: <a href="tel:${esc(ward.hotline.replace(/[^\d+]/g, ''))}">${esc(ward.hotline)}</a> · ${esc(ward.officeHours)}</p></footer></main></body></html>`;
  if (!p) return `${head('Không tìm thấy thủ tục')}<h1>Không tìm thấy thủ tục</h1><p>Thủ tục này không có hoặc chưa được công bố.</p>${foot}`;
  const portal = safeUrl(p.portalUrl);
  const docs = p.documents.map((d) => {
    const extra = documentExtras(DOCUMENT_FORM_LABELS[d.form], d.count);
    return `<li><label><input type="checkbox"> ${esc(d.name)}${extra ? ` <span class="muted">(${esc(extra)})</span>` : ''}</label>${d.note ? `<div class="muted">${esc(d.note)}</div>` : ''}</li>`;
  });
  return `${head(p.name)}
<p class="crumb">${esc(ward.name)} · ${esc(p.field)}${p.portalCode ? ` · Mã thủ tục ${esc(p.portalCode)}` : ''}</p>
<h1>${esc(p.name)}</h1>
<p class="lead">${esc(p.summary)}</p>
${portal ? `<p class="actions"><a class="button" href="${esc(portal)}" target="_blank" rel="noopener noreferrer">Nộp hồ sơ trực tuyến</a> <img class="qr" src="${esc(links.qrSvg(p.id))}" alt="Mã QR dẫn tới trang nộp hồ sơ trực tuyến" width="140" height="140"></p>` : ''}
<h2>Giấy tờ cần chuẩn bị</h2><ul class="checklist">${docs.join('')}</ul>
<h2>Lệ phí</h2><p>${esc(p.fee)}</p>${p.feeFreeCases.length ? `<p>Được miễn:</p>${list(p.feeFreeCases)}` : ''}
<h2>Thời gian giải quyết</h2><p>${esc(p.processingTime)}</p>
<h2>Nộp ở đâu</h2><p>${esc(p.where)}</p><p>${esc(ONLINE_LEVEL_LABELS[p.onlineLevel])}</p>
<h2>Các bước</h2>${p.steps.length ? `<ol>${p.steps.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>` : '<p>Chưa cập nhật.</p>'}
<h2>Lưu ý</h2>${list(p.notes)}
<h2>Căn cứ pháp lý</h2>${list(p.legalBasis)}
<p class="muted">Cơ quan giải quyết: ${esc(p.level)}. Rà soát lần cuối: ${esc(p.reviewedAt)}.</p>
${foot}`;
}
