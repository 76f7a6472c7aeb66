/**
 * `npm run ask -- "câu hỏi" ["câu hỏi nối tiếp" …] [--json]`: asks the bot from the command line,
 * in one session (so follow-ups work), against the embedded store under DATA_DIR.
 */
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { defaultEnhancer } from '../modules.ts';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const questions = args.filter((a) => a !== '--json');
if (questions.length === 0) {
  console.error('Cách dùng: npm run ask -- "thủ tục đăng ký khai sinh" ["mất bao lâu?"] [--json]');
  process.exit(2);
}

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const handle = await buildApp(config, { enhance: await defaultEnhancer(config) });
try {
  const session = `cli-${process.pid}`;
  for (const text of questions) {
    const result = await handle.assistant.handle({ channel: 'cli', userId: session, text });
    if (asJson) {
      console.log(JSON.stringify({ reply: result.reply, matches: result.matches }, null, 2));
    } else {
      console.log(`> ${text}\n${result.reply.text}\n`);
      if (result.reply.kind === 'choices') console.log(result.reply.choices.map((c, i) => `  [${i + 1}] ${c.label}`).join('\n'));
    }
  }
} finally {
  await handle.close();
}
