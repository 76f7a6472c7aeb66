/**
 * Renders neutral replies as Zalo OA consultation messages (`POST /v3.0/oa/message/cs`):
 * text split at 2,000 characters, link buttons (oa.open.url), choice buttons (oa.query.show,
 * whose tap comes back as text = the label), and the portal QR as an image — by public URL when
 * PUBLIC_URL is set, otherwise uploaded once and sent by attachment id. If Zalo refuses a
 * button message (-201), the same content is re-sent as plain text with numbered links.
 */
import { shorten } from '../../bot/card.ts';
import type { KnowledgeSnapshot } from '../../bot/knowledge-snapshot.ts';
import { qrPng } from '../../bot/qr.ts';
import type { Reply, ReplyChoice, ReplyLink } from '../../bot/reply.ts';
import type { ChannelLog, ChannelOutbound } from '../channel/channel-pipeline.ts';
import { linkLines, QR_CAPTION } from '../channel/channel-texts.ts';
import { choicesForNames } from '../channel/choice-memory.ts';
import { MESSAGE_LIMITS, splitText } from '../channel/split-text.ts';
import { isZaloUnreachable, ZALO_ERRORS, ZaloApiError, type ZaloApiClient } from './zalo-api-client.ts';
import { ZaloTokenError } from './zalo-token-manager.ts';

const SEND_PATH = '/v3.0/oa/message/cs';
const MAX_BUTTONS = 5;
const BUTTON_TITLE_MAX = 80;
/** Attachment ids are valid ~7 days; re-upload a bit earlier. */
const ATTACHMENT_TTL_MS = 6 * 24 * 3600_000;

type ZaloButton = { title: string; type: 'oa.open.url'; payload: { url: string } } | { title: string; type: 'oa.query.show'; payload: string };

export interface ZaloOutboundDeps {
  client: Pick<ZaloApiClient, 'api' | 'uploadImage'>;
  knowledge: () => KnowledgeSnapshot;
  log: ChannelLog;
  now?: () => number;
}

const isAbsolute = (url: string) => /^https?:\/\//i.test(url);

export class ZaloOutbound implements ChannelOutbound {
  private readonly attachments = new Map<string, { id: string; at: number }>();
  private readonly now: () => number;

  constructor(private readonly deps: ZaloOutboundDeps) {
    this.now = deps.now ?? Date.now;
  }

  isUndeliverable(error: unknown): boolean {
    // No usable token: an apology would fail the same way (the token status says what to do).
    return isZaloUnreachable(error) || error instanceof ZaloTokenError;
  }

  async sendText(userId: string, text: string): Promise<void> {
    for (const chunk of splitText(text, MESSAGE_LIMITS.zalo)) await this.send(userId, { text: chunk });
  }

  async sendReply(userId: string, reply: Reply): Promise<void> {
    switch (reply.kind) {
      case 'answer': {
        const links = reply.links.filter((l) => isAbsolute(l.url));
        await this.sendWithButtons(userId, reply.text, links.slice(0, MAX_BUTTONS).map(urlButton), links);
        // The QR is an extra: the answer text already went out, so a failure here is only logged.
        if (reply.qr && reply.procedureId && (!reply.aspect || reply.aspect === 'online')) {
          await this.sendQr(userId, reply.procedureId, reply.qr.png).catch((err: unknown) => this.deps.log.warn({ err, channel: 'zalo' }, 'QR image not sent'));
        }
        return;
      }
      case 'choices':
        return this.sendWithButtons(userId, reply.text, reply.choices.slice(0, MAX_BUTTONS).map(queryButton), []);
      case 'fallback': {
        const choices = choicesForNames(this.deps.knowledge(), reply.suggestions);
        return this.sendWithButtons(userId, reply.text, choices.slice(0, MAX_BUTTONS).map(queryButton), []);
      }
      default: {
        const never: never = reply;
        return never;
      }
    }
  }

  /** Text chunks, the last one carrying the buttons; plain text with link lines if Zalo refuses them. */
  private async sendWithButtons(userId: string, text: string, buttons: ZaloButton[], links: ReplyLink[]): Promise<void> {
    const chunks = splitText(text, MESSAGE_LIMITS.zalo);
    for (const [i, chunk] of chunks.entries()) {
      const last = i === chunks.length - 1;
      if (!last || buttons.length === 0) {
        await this.send(userId, { text: chunk });
        continue;
      }
      try {
        await this.send(userId, { text: chunk, attachment: { type: 'template', payload: { buttons } } });
      } catch (error) {
        if (!(error instanceof ZaloApiError && error.code === ZALO_ERRORS.badParameter)) throw error;
        this.deps.log.warn({ channel: 'zalo', code: error.code }, 'button message refused: sent as plain text');
        await this.sendText(userId, links.length ? `${chunk}\n\n${linkLines(links)}` : chunk);
      }
    }
  }

  private async sendQr(userId: string, procedureId: string, publicPngUrl: string): Promise<void> {
    if (isAbsolute(publicPngUrl)) {
      await this.send(userId, mediaMessage({ url: publicPngUrl }));
      return;
    }
    const portalUrl = this.deps.knowledge().procedures.get(procedureId)?.portalUrl;
    if (!portalUrl) return;
    const attachmentId = await this.attachmentFor(portalUrl);
    try {
      await this.send(userId, mediaMessage({ attachment_id: attachmentId }));
    } catch (error) {
      if (!(error instanceof ZaloApiError && error.code === ZALO_ERRORS.attachmentExpired)) throw error;
      this.attachments.delete(portalUrl);
      await this.send(userId, mediaMessage({ attachment_id: await this.attachmentFor(portalUrl) }));
    }
  }

  private async attachmentFor(portalUrl: string): Promise<string> {
    const cached = this.attachments.get(portalUrl);
    if (cached && this.now() - cached.at < ATTACHMENT_TTL_MS) return cached.id;
    const id = await this.deps.client.uploadImage(await qrPng(portalUrl), 'qr.png', 'image/png');
    this.attachments.set(portalUrl, { id, at: this.now() });
    return id;
  }

  private async send(userId: string, message: Record<string, unknown>): Promise<void> {
    await this.deps.client.api(SEND_PATH, 'POST', { recipient: { user_id: userId }, message });
  }
}

function urlButton(link: ReplyLink): ZaloButton {
  return { title: shorten(link.label, BUTTON_TITLE_MAX), type: 'oa.open.url', payload: { url: link.url } };
}

/** The tap sends the label back as the citizen's text, which the remembered choices resolve. */
function queryButton(choice: ReplyChoice): ZaloButton {
  const label = shorten(choice.label, BUTTON_TITLE_MAX);
  return { title: label, type: 'oa.query.show', payload: label };
}

function mediaMessage(element: { url: string } | { attachment_id: string }): Record<string, unknown> {
  return { text: QR_CAPTION, attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'image', ...element }] } } };
}
