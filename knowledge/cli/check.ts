/**
 * `npm run kb:check [-- DIR]`: validates a knowledge bundle (default: the bundled one) and prints
 * every problem in plain Vietnamese. Exit code 1 when there are errors.
 */
import { BUNDLED_DATA_DIR, loadBundle } from '../bundle-loader.ts';

const dir = process.argv[2] ?? BUNDLED_DATA_DIR;
const staleAfterDays = Number(process.env.STALE_AFTER_DAYS ?? 180);
const bundle = loadBundle(dir, { today: new Date(), staleAfterDays });
for (const issue of bundle.issues) {
  console.log(`${issue.level === 'error' ? 'LỖI     ' : 'CẢNH BÁO'} ${issue.entry}${issue.source ? ` (${issue.source})` : ''}: ${issue.message}`);
}
const questions = bundle.procedures.map((p) => p.questions.length);
console.log(
  `\n${bundle.procedures.length} thủ tục, ${bundle.qa.length} mục hỏi–đáp (${bundle.qa.filter((q) => !q.procedureId).length} thông tin chung); ` +
    `câu hỏi mẫu mỗi thủ tục: ít nhất ${Math.min(...questions)}, trung bình ${(questions.reduce((a, b) => a + b, 0) / Math.max(1, questions.length)).toFixed(1)}.`,
);
const errors = bundle.issues.filter((i) => i.level === 'error').length;
console.log(`${errors} lỗi, ${bundle.issues.length - errors} cảnh báo.`);
process.exit(errors ? 1 : 0);
