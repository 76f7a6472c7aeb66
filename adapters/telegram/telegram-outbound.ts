/**
 * Renders neutral replies for Telegram (HTML parse mode, everything escaped): text split at
 * 4,096 characters, link buttons as URL buttons, choices and suggested topics as an inline
 * keyboard (callback data ≤ 64 bytes), and the portal QR as a photo uploaded from memory.
 * Relative links (no PUBLIC_URL) cannot be buttons on Telegram, so they degrade to text lines.
 */
import { InputFile, type Api } from 'grammy';
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import { shorten } from '../../bot/card.ts';
import type { KnowledgeSnapshot } from '../../bot/knowledge-snapshot.ts';
import { qrPng } from '../../bot/qr.ts';
import type { Reply, ReplyChoice, ReplyLink } from '../../bot/reply.ts';
import type { ChannelLog, ChannelOutbound } from '../channel/channel-pipeline.ts';
import { linkLines, QR_CAPTION } from '../channel/channel-texts.ts';
import { choicesForNames } from '../channel/choice-memory.ts';
import { MESSAGE_LIMITS, splitText } from '../channel/split-text.ts';
import { encodeChoiceData } from './telegram-callback-data.ts';
import { answerHtml } from './telegram-html.ts';

const isAbsolute = (url: string) => /^https?:\/\//i.test(url);
const BUTTON_TEXT_MAX = 60;

export interface TelegramOutboundDeps {
  api: Api;
  knowledge: () => KnowledgeSnapshot;
  log: ChannelLog;
}

export class TelegramOutbound implements ChannelOutbound {
  constructor(private readonly deps: TelegramOutboundDeps) {}

  isUndeliverable(error: unknown): boolean {
    // 403: the citizen blocked the bot or never started it; an apology would fail the same way.
    return typeof error === 'object' && error !== null && 'error_code' in error && (error as { error_code: number }).error_code === 403;
  }

  async sendText(chatId: string, text: string): Promise<void> {
    await this.sendChunks(chatId, text, undefined);
  }

  async sendReply(chatId: string, reply: Reply): Promise<void> {
    switch (reply.kind) {
      case 'answer': {
        const buttons = reply.links.filter((l) => isAbsolute(l.url));
        const textLinks = reply.links.filter((l) => !isAbsolute(l.url) && !reply.text.includes(l.url));
        const text = textLinks.length ? `${reply.text}\n\n${linkLines(textLinks)}` : reply.text;
        await this.sendChunks(chatId, text, buttons.length ? urlKeyboard(buttons) : undefined);
        if (reply.qr && reply.procedureId && (!reply.aspect || reply.aspect === 'online')) {
          // An extra after the answer: failures are logged, the answer already went out.
          await this.sendQr(chatId, reply.procedureId).catch((err: unknown) => this.deps.log.warn({ err, channel: 'telegram' }, 'QR photo not sent'));
        }
        return;
      }
      case 'choices':
        return this.sendChunks(chatId, reply.text, choiceKeyboard(reply.choices));
      case 'fallback': {
        const choices = choicesForNames(this.deps.knowledge(), reply.suggestions);
        return this.sendChunks(chatId, reply.text, choices.length ? choiceKeyboard(choices) : undefined);
      }
      default: {
        const never: never = reply;
        return never;
      }
    }
  }

  private async sendChunks(chatId: string, text: string, keyboard: InlineKeyboardMarkup | undefined): Promise<void> {
    const chunks = splitText(text, MESSAGE_LIMITS.telegram);
    for (const [i, chunk] of chunks.entries()) {
      const last = i === chunks.length - 1;
      await this.deps.api.sendMessage(chatId, answerHtml(chunk), {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(last && keyboard ? { reply_markup: keyboard } : {}),
      });
    }
  }

  private async sendQr(chatId: string, procedureId: string): Promise<void> {
    const portalUrl = this.deps.knowledge().procedures.get(procedureId)?.portalUrl;
    if (!portalUrl) return;
    await this.deps.api.sendPhoto(chatId, new InputFile(await qrPng(portalUrl), 'qr.png'), { caption: QR_CAPTION });
  }
}

function urlKeyboard(links: readonly ReplyLink[]): InlineKeyboardMarkup {
  return { inline_keyboard: links.map((l): InlineKeyboardButton[] => [{ text: shorten(l.label, BUTTON_TEXT_MAX), url: l.url }]) };
}

function choiceKeyboard(choices: readonly ReplyChoice[]): InlineKeyboardMarkup {
  return { inline_keyboard: choices.map((c): InlineKeyboardButton[] => [{ text: shorten(c.label, BUTTON_TEXT_MAX), callback_data: encodeChoiceData(c.id) }]) };
}
