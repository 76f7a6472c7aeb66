/**
 * `npm start`: loads configuration, builds the app with every module and listens on HOST:PORT.
 * Closes gracefully on SIGINT/SIGTERM so SQLite is flushed.
 */
import { buildApp } from './app.ts';
import { withStoredSecrets } from '../admin/settings/secrets-repo.ts';
import { openDatabase } from '../knowledge/sqlite/database.ts';
import { loadConfig, type Config } from './config.ts';
import { defaultModules, defaultEnhancer } from './modules.ts';

function withSavedCredentials(config: Config): Config {
  const db = openDatabase(config.dbFile);
  try {
    return withStoredSecrets(config, db);
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  // Channel credentials saved on the staff page fill what the environment leaves empty; channel
  // modules are chosen now, so a changed credential applies after a restart.
  const config = withSavedCredentials(loadConfig());
  // The vector index reports while the app is still being built; hold lines until the logger exists.
  const early: string[] = [];
  let log: ((m: string) => void) | undefined;
  const enhance = await defaultEnhancer(config, (m) => (log ? log(m) : early.push(m)));
  const handle = await buildApp(config, { modules: await defaultModules(config), enhance });
  const { app, runtime } = handle;
  log = (m) => app.log.info(m);
  for (const line of early) log(line);
  const errors = runtime.seedIssues.filter((i) => i.level === 'error');
  if (runtime.seedIssues.length) {
    app.log.warn(`Kho tri thức: ${errors.length} lỗi, ${runtime.seedIssues.length - errors.length} cảnh báo khi nạp (chạy "npm run kb:check" để xem chi tiết).`);
  }
  const kb = runtime.snapshot();
  await app.listen({ host: config.HOST, port: config.PORT });
  app.log.info(`SmartBot sẵn sàng tại http://${config.HOST}:${config.PORT} — ${kb.procedures.size} thủ tục, ${kb.entries.size} mục tri thức, truy hồi: ${kb.retriever.name}, dữ liệu: ${config.DATA_DIR}`);
  const stop = async (signal: string) => {
    app.log.info(`Nhận ${signal}, đang dừng…`);
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
