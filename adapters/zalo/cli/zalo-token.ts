/**
 * Zalo OA token CLI for ward staff.
 *
 *   npx tsx adapters/zalo/cli/zalo-token.ts status
 *   npx tsx adapters/zalo/cli/zalo-token.ts set --access-token AT --refresh-token RT [--expires-in 90000]
 *   npx tsx adapters/zalo/cli/zalo-token.ts exchange --code CODE [--code-verifier VERIFIER]
 *   npx tsx adapters/zalo/cli/zalo-token.ts refresh
 *
 * Reads the same environment as the server (DATA_DIR, ZALO_APP_ID, ZALO_APP_SECRET…). Exit code:
 * 0 when the token is usable, 2 when it is missing or needs re-consent, 1 on errors.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../../bot/config.ts';
import { openDatabase } from '../../../knowledge/sqlite/database.ts';
import { ZaloTokenManager } from '../zalo-token-manager.ts';
import { SqliteZaloTokenStore, type ZaloTokenStatus } from '../zalo-token-store.ts';

const USAGE = `Cách dùng:
  zalo-token.ts status                                   xem tình trạng token
  zalo-token.ts set --access-token AT --refresh-token RT [--expires-in 90000]
                                                         lưu cặp token lấy được sau khi cấp quyền
  zalo-token.ts exchange --code CODE [--code-verifier V] đổi mã cấp quyền (authorization code) lấy token
  zalo-token.ts refresh                                  làm mới token ngay`;

function printStatus(status: ZaloTokenStatus, out: (line: string) => void): number {
  out(`Trạng thái: ${status.state}`);
  out(status.message);
  if (status.expiresAt) out(`Access token hết hạn lúc: ${status.expiresAt}`);
  if (status.refreshedAt) out(`Lưu/làm mới lần cuối: ${status.refreshedAt}`);
  if (status.lastError) out(`Lỗi làm mới gần nhất: ${status.lastError}`);
  return status.state === 'missing' || status.state === 'reconsent' ? 2 : 0;
}

/** Runs the CLI; returns the exit code. */
export async function runZaloTokenCli(argv: string[], env: Record<string, string | undefined>, out: (line: string) => void = console.log): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'access-token': { type: 'string' },
      'refresh-token': { type: 'string' },
      'expires-in': { type: 'string', default: '90000' },
      code: { type: 'string' },
      'code-verifier': { type: 'string' },
    },
  });
  const command = positionals[0] ?? 'status';
  const config = loadConfig(env);
  const db = openDatabase(config.dbFile);
  try {
    const store = new SqliteZaloTokenStore(db);
    const manager = new ZaloTokenManager({ store, oauthBase: config.ZALO_OAUTH_BASE, appId: config.ZALO_APP_ID ?? '', appSecret: config.ZALO_APP_SECRET });
    switch (command) {
      case 'status':
        return printStatus(manager.status(), out);
      case 'set': {
        const accessToken = values['access-token'];
        const refreshToken = values['refresh-token'];
        const expiresIn = Number(values['expires-in']);
        if (!accessToken || !refreshToken || !Number.isFinite(expiresIn) || expiresIn <= 0) {
          out('Cần --access-token, --refresh-token và --expires-in (giây) hợp lệ.');
          return 1;
        }
        const now = Date.now();
        store.save({ accessToken, refreshToken, expiresAt: now + expiresIn * 1000, updatedAt: now });
        out('Đã lưu token Zalo OA.');
        return printStatus(manager.status(), out);
      }
      case 'exchange':
      case 'refresh': {
        if (!config.ZALO_APP_ID || !config.ZALO_APP_SECRET) {
          out('Cần ZALO_APP_ID và ZALO_APP_SECRET trong biến môi trường.');
          return 1;
        }
        if (command === 'exchange') {
          if (!values.code) {
            out('Cần --code (mã cấp quyền trong URL chuyển hướng sau khi cấp quyền).');
            return 1;
          }
          await manager.exchangeCode(values.code, values['code-verifier']);
        } else {
          await manager.refresh();
        }
        out(command === 'exchange' ? 'Đã đổi mã cấp quyền lấy token và lưu lại.' : 'Đã làm mới token.');
        return printStatus(manager.status(), out);
      }
      default:
        out(USAGE);
        return 1;
    }
  } catch (error) {
    out(`Lỗi: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runZaloTokenCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
