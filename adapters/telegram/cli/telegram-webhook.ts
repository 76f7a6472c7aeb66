/**
 * Registers the Telegram webhook for this server (webhook mode).
 *
 *   npx tsx adapters/telegram/cli/telegram-webhook.ts set      # PUBLIC_URL/webhooks/telegram + secret
 *   npx tsx adapters/telegram/cli/telegram-webhook.ts info
 *   npx tsx adapters/telegram/cli/telegram-webhook.ts delete   # e.g. before switching to polling
 *
 * Reads TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET, PUBLIC_URL and TELEGRAM_API_ROOT.
 */
import { Api } from 'grammy';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../../../bot/config.ts';
import { TELEGRAM_WEBHOOK_PATH } from '../telegram-module.ts';

/** Runs the CLI; returns the exit code. */
export async function runTelegramWebhookCli(argv: string[], env: Record<string, string | undefined>, out: (line: string) => void = console.log): Promise<number> {
  const config = loadConfig(env);
  if (!config.TELEGRAM_BOT_TOKEN) {
    out('Cần TELEGRAM_BOT_TOKEN.');
    return 1;
  }
  const api = new Api(config.TELEGRAM_BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, '') });
  try {
    switch (argv[0] ?? 'info') {
      case 'set': {
        if (!/^https:\/\//.test(config.PUBLIC_URL) || !config.TELEGRAM_WEBHOOK_SECRET) {
          out('Cần PUBLIC_URL dạng https://… và TELEGRAM_WEBHOOK_SECRET.');
          return 1;
        }
        const url = `${config.PUBLIC_URL.replace(/\/+$/, '')}${TELEGRAM_WEBHOOK_PATH}`;
        await api.setWebhook(url, { secret_token: config.TELEGRAM_WEBHOOK_SECRET, allowed_updates: ['message', 'callback_query'] });
        out(`Đã đăng ký webhook: ${url}`);
        return 0;
      }
      case 'info': {
        const info = await api.getWebhookInfo();
        out(`URL: ${info.url || '(chưa đặt — đang dùng long polling hoặc chưa cấu hình)'}`);
        out(`Cập nhật đang chờ: ${info.pending_update_count}`);
        if (info.last_error_message) out(`Lỗi gần nhất: ${info.last_error_message} (${new Date((info.last_error_date ?? 0) * 1000).toISOString()})`);
        return 0;
      }
      case 'delete':
        await api.deleteWebhook();
        out('Đã xoá webhook.');
        return 0;
      default:
        out('Cách dùng: telegram-webhook.ts set | info | delete');
        return 1;
    }
  } catch (error) {
    out(`Lỗi: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runTelegramWebhookCli(process.argv.slice(2), process.env).then((code) => process.exit(code));
}
