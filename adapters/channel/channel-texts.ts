/**
 * What the channels say on their own (not answers from the knowledge base): greeting, apology,
 * rate-limit notice, "please type your question". Polite Vietnamese, addressed to "bạn".
 */
import type { WardProfile } from '../../knowledge/schema.ts';
import type { ReplyChoice, ReplyLink } from '../../bot/reply.ts';

/** Greeting sent on Zalo "follow" and Telegram /start; topics follow as buttons or a numbered list. */
export function greetingText(ward: WardProfile): string {
  return [
    `Xin chào! Tôi là trợ lý ảo của ${ward.centreName}.`,
    'Tôi hướng dẫn thủ tục hành chính: cần giấy tờ gì, lệ phí, thời gian, nộp ở đâu, nộp trực tuyến thế nào.',
    'Bạn cứ gõ câu hỏi (có dấu hay không dấu đều được), ví dụ: "đăng ký tạm trú cần giấy tờ gì", hoặc chọn một chủ đề:',
  ].join('\n');
}

/** Reply to images, stickers, voice, locations, files… */
export function textOnlyNotice(): string {
  return 'Bạn vui lòng nhắn câu hỏi bằng chữ (có dấu hay không dấu đều được), ví dụ: "đăng ký tạm trú cần giấy tờ gì". Hiện tôi chưa đọc được hình ảnh, nhãn dán, âm thanh, vị trí hay tệp đính kèm.';
}

/** Sent once per window when a citizen exceeds the per-minute message limit. */
export function rateLimitNotice(): string {
  return 'Bạn đang gửi tin nhắn hơi nhanh. Bạn vui lòng đợi khoảng một phút rồi hỏi tiếp nhé; các tin nhắn gửi trong lúc này có thể chưa được trả lời.';
}

/** Per-message error boundary: what the citizen gets when answering failed. */
export function apologyText(ward: WardProfile | undefined): string {
  const contact = ward ? ` hoặc gọi ${ward.hotline} (${ward.officeHours})` : '';
  return `Xin lỗi, hệ thống đang bận nên chưa trả lời được câu hỏi của bạn. Bạn vui lòng hỏi lại sau ít phút${contact}.`;
}

/** Choices as a numbered list, for channels (or fallbacks) without buttons. */
export function numberedChoices(choices: readonly ReplyChoice[]): string {
  return choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n');
}

/** Links as plain lines, for channels (or fallbacks) without link buttons. */
export function linkLines(links: readonly ReplyLink[]): string {
  return links.map((l) => `• ${l.label}: ${l.url}`).join('\n');
}

/** Caption of the QR image that opens the online submission page. */
export const QR_CAPTION = 'Quét mã QR để mở trang nộp hồ sơ trực tuyến.';
