/**
 * Telegram HTML parse mode: answers are plain text, so everything is escaped (`&`, `<`, `>`,
 * and quotes for attribute safety); only the card title is wrapped in <b>.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for Telegram's HTML parse mode (also safe inside attribute values). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Escaped HTML for one message chunk; a leading "📄 title" line becomes bold. */
export function answerHtml(chunk: string): string {
  const newline = chunk.indexOf('\n');
  const first = newline < 0 ? chunk : chunk.slice(0, newline);
  if (!first.startsWith('📄 ')) return escapeHtml(chunk);
  return `<b>${escapeHtml(first)}</b>${escapeHtml(chunk.slice(first.length))}`;
}
