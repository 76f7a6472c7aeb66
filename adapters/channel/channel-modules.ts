/**
 * Chat-channel modules for a production server: each channel mounts only when its credentials
 * are configured, and its code (grammY…) is loaded only then.
 */
import type { AppModule } from '../../bot/app-context.ts';
import type { Config } from '../../bot/config.ts';

/** Zalo OA when ZALO_APP_ID + a secret are set; Telegram when TELEGRAM_BOT_TOKEN is set. */
export async function channelModules(config: Config): Promise<AppModule[]> {
  const modules: AppModule[] = [];
  const { zaloConfigured, zaloModule } = await import('../zalo/zalo-module.ts');
  if (zaloConfigured(config)) modules.push(zaloModule());
  if (config.TELEGRAM_BOT_TOKEN) {
    const { telegramModule } = await import('../telegram/telegram-module.ts');
    modules.push(telegramModule());
  }
  return modules;
}
