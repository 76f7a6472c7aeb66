/**
 * Zalo OA webhook payloads (Open API v3) and their translation into neutral channel events.
 * All ids and the timestamp are strings; the timestamp is in milliseconds.
 */
import type { ChannelEvent } from '../channel/channel-pipeline.ts';

export interface ZaloAttachment {
  type: string;
  payload?: { url?: string; thumbnail?: string; coordinates?: { latitude?: string; longitude?: string }; name?: string; size?: string; id?: string };
}

/** The webhook envelope as Zalo posts it (fields vary by event). */
export interface ZaloWebhookEvent {
  app_id?: string;
  event_name?: string;
  timestamp?: string | number;
  user_id_by_app?: string;
  sender?: { id?: string };
  recipient?: { id?: string };
  message?: { msg_id?: string; text?: string; attachments?: ZaloAttachment[] };
  /** follow / unfollow */
  follower?: { id?: string };
  oa_id?: string;
  source?: string;
}

/** Events citizens send that carry no text we can answer. */
const NON_TEXT_EVENTS = new Set([
  'user_send_image',
  'user_send_sticker',
  'user_send_location',
  'user_send_link',
  'user_send_audio',
  'user_send_video',
  'user_send_file',
  'user_send_gif',
  'user_send_business_card',
]);

/** Receipts and lifecycle events that need no answer. */
const SILENT_EVENTS = new Set(['user_received_message', 'user_seen_message', 'unfollow', 'user_submit_info', 'user_reacted_message', 'oa_reacted_message']);

export type ZaloTranslation = { event: ChannelEvent } | { ignored: string };

/** Maps one webhook event to a channel event, or says why it is ignored. */
export function translateZaloEvent(body: ZaloWebhookEvent): ZaloTranslation {
  const name = body.event_name ?? '';
  const time = body.timestamp !== undefined && Number.isFinite(Number(body.timestamp)) ? new Date(Number(body.timestamp)) : undefined;
  // Echoes of our own sends: answering them would make the bot talk to itself.
  if (name.startsWith('oa_')) return { ignored: `echo ${name}` };
  if (SILENT_EVENTS.has(name)) return { ignored: name };
  if (name === 'follow') {
    const userId = body.follower?.id ?? body.sender?.id;
    if (!userId) return { ignored: 'follow without follower.id' };
    return { event: { type: 'greet', userId, eventId: `follow:${userId}:${body.timestamp ?? ''}`, ...(time ? { time } : {}) } };
  }
  const userId = body.sender?.id;
  if (!userId) return { ignored: `${name || 'event'} without sender.id` };
  const msgId = body.message?.msg_id;
  // Zalo retries keyed on msg_id; events without one fall back to name + user + timestamp.
  const eventId = msgId || `${name}:${userId}:${body.timestamp ?? ''}`;
  if (name === 'user_send_text') {
    const text = body.message?.text ?? '';
    if (!text.trim()) return { ignored: 'empty text' };
    return { event: { type: 'text', userId, eventId, text, ...(time ? { time } : {}) } };
  }
  if (NON_TEXT_EVENTS.has(name)) return { event: { type: 'unsupported', userId, eventId, what: name.replace(/^user_send_/, ''), ...(time ? { time } : {}) } };
  return { ignored: `unhandled ${name || 'event without event_name'}` };
}
