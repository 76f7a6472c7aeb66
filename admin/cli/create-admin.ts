/**
 * `npm run admin:create -- <username>`: creates the first admin account (or resets an existing
 * account's password and makes it an admin). The password comes from ADMIN_PASSWORD or a hidden
 * prompt; there is no default password.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { loadConfig } from '../../bot/config.ts';
import { openDatabase } from '../../knowledge/sqlite/database.ts';
import { migrateAdmin } from '../admin-db.ts';
import { passwordProblem } from '../auth/password.ts';
import { createUser, findUser, setPassword, updateUser, Username } from '../users/users-repo.ts';

/** Asks for a line without echoing it (password prompt). */
function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

async function main(): Promise<void> {
  const name = process.argv[2];
  const username = Username.safeParse(name ?? '');
  if (!username.success) {
    console.error('Cách dùng: npm run admin:create -- <tên-đăng-nhập>');
    if (name) console.error(username.error.issues[0]!.message);
    process.exit(2);
  }
  let password = process.env.ADMIN_PASSWORD ?? '';
  if (!password) {
    if (!process.stdin.isTTY) throw new Error('Không có bàn phím để nhập mật khẩu: hãy đặt biến ADMIN_PASSWORD.');
    password = await askHidden('Mật khẩu (ít nhất 10 ký tự): ');
    const again = await askHidden('Nhập lại mật khẩu: ');
    if (password !== again) throw new Error('Hai lần nhập mật khẩu không khớp.');
  }
  const problem = passwordProblem(password);
  if (problem) throw new Error(problem);

  const config = loadConfig();
  const db = openDatabase(config.dbFile);
  try {
    migrateAdmin(db);
    const existing = findUser(db, username.data);
    if (existing) {
      await setPassword(db, existing.id, password);
      updateUser(db, existing.id, { role: 'admin', disabled: false });
      console.log(`Đã đặt lại mật khẩu và quyền quản trị cho "${existing.username}".`);
    } else {
      const user = await createUser(db, { username: username.data, password, role: 'admin' });
      console.log(`Đã tạo tài khoản quản trị "${user.username}". Đăng nhập tại /admin trên máy chủ SmartBot.`);
    }
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
