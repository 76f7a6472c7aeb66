// Admin page entry: checks the session, draws the menu for the user's role and routes
// "#/…" addresses to pages.
import { api } from './api.js';
import { h, mount } from './dom.js';
import { can, state } from './state.js';
import { page, notice } from './ui.js';
import { loginPage, passwordPage } from './pages/login.js';
import { contentListPage } from './pages/content-list.js';
import { entryEditPage } from './pages/entry-edit.js';
import { historyPage } from './pages/history.js';
import { importExportPage } from './pages/import-export.js';
import { inboxPage } from './pages/inbox.js';
import { lexiconPage } from './pages/lexicon.js';
import { tryBotPage } from './pages/try-bot.js';
import { reportsPage } from './pages/reports.js';
import { settingsPage } from './pages/settings.js';
import { usersPage } from './pages/users.js';
import { auditPage } from './pages/audit.js';

const MENU = [
  { hash: '#/noi-dung', label: 'Thủ tục & Hỏi đáp', role: 'viewer' },
  { hash: '#/noi-dung?stale=1', label: 'Cần rà soát', role: 'viewer' },
  { hash: '#/hop-thu', label: 'Câu hỏi chưa trả lời được', role: 'viewer' },
  { hash: '#/thu-bot', label: 'Thử bot', role: 'viewer' },
  { hash: '#/bao-cao', label: 'Báo cáo', role: 'viewer' },
  { hash: '#/nhap-xuat', label: 'Nhập / Xuất', role: 'viewer' },
  { hash: '#/tu-dien', label: 'Từ điển', role: 'viewer' },
  { href: '/admin/poster', label: 'In mã QR', role: 'viewer' },
  { hash: '#/cai-dat', label: 'Cài đặt', role: 'admin' },
  { hash: '#/nguoi-dung', label: 'Người dùng', role: 'admin' },
  { hash: '#/nhat-ky', label: 'Nhật ký', role: 'admin' },
];

const ROUTES = [
  [/^\/dang-nhap$/, () => loginPage()],
  [/^\/mat-khau$/, () => passwordPage()],
  [/^\/noi-dung$/, (m, q) => contentListPage(q)],
  [/^\/sua\/(procedure|qa)\/([a-z0-9-]+)$/, (m) => entryEditPage(m[1], m[2])],
  [/^\/moi\/(procedure|qa)$/, (m, q) => entryEditPage(m[1], undefined, q)],
  [/^\/lich-su\/(procedure|qa)\/([a-z0-9-]+)$/, (m) => historyPage(m[1], m[2])],
  [/^\/hop-thu$/, (m, q) => inboxPage(q)],
  [/^\/thu-bot$/, (m, q) => tryBotPage(q)],
  [/^\/bao-cao$/, (m, q) => reportsPage(q)],
  [/^\/nhap-xuat$/, () => importExportPage()],
  [/^\/tu-dien$/, () => lexiconPage()],
  [/^\/cai-dat$/, () => settingsPage()],
  [/^\/nguoi-dung$/, () => usersPage()],
  [/^\/nhat-ky$/, (m, q) => auditPage(q)],
];

function drawChrome() {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!state.user) {
    nav.hidden = true;
    who.hidden = true;
    return;
  }
  const current = location.hash || '#/noi-dung';
  mount(
    nav,
    h('ul', {}, MENU.filter((item) => can(item.role)).map((item) => h('li', {}, h('a', { href: item.hash ?? item.href, 'aria-current': item.hash === current ? 'page' : undefined, text: item.label })))),
  );
  mount(
    who,
    h('span', { class: 'who-name', text: state.user.displayName }),
    h('span', { class: 'who-role', text: state.roleLabel }),
    h('a', { href: '#/mat-khau', text: 'Đổi mật khẩu' }),
    h('button', { type: 'button', class: 'btn btn-small', id: 'logout', onClick: logout }, 'Đăng xuất'),
  );
  nav.hidden = false;
  who.hidden = false;
}

async function logout() {
  try {
    await api.post('/logout');
  } finally {
    state.user = null;
    state.csrf = '';
    location.hash = '#/dang-nhap';
  }
}

async function route() {
  const raw = location.hash.replace(/^#/, '') || '/noi-dung';
  const [path, query = ''] = raw.split('?');
  if (!state.user && path !== '/dang-nhap') {
    location.hash = '#/dang-nhap';
    return;
  }
  if (state.user && path === '/dang-nhap') {
    location.hash = '#/noi-dung';
    return;
  }
  drawChrome();
  const params = Object.fromEntries(new URLSearchParams(query));
  for (const [pattern, render] of ROUTES) {
    const m = pattern.exec(path);
    if (m) {
      try {
        await render(m, params);
      } catch (error) {
        page('Có lỗi xảy ra', '', notice(error?.message || 'Không tải được trang này.', 'error'));
      }
      return;
    }
  }
  page('Không tìm thấy trang', '', h('p', {}, h('a', { href: '#/noi-dung', text: 'Về danh sách nội dung' })));
}

/** Loads the session (if any) and shows the right page. */
export async function start() {
  try {
    const me = await api.get('/me');
    state.user = me.user;
    state.roleLabel = me.roleLabel;
    state.csrf = me.csrfToken;
    state.staleAfterDays = me.staleAfterDays;
  } catch {
    state.user = null;
  }
  await route();
}

window.addEventListener('hashchange', route);
start();
