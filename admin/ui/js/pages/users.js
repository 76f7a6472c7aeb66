// Staff accounts (admins only): create, change role, lock/unlock, reset password.
import { api } from '../api.js';
import { h, when } from '../dom.js';
import { state } from '../state.js';
import { badge, busy, button, page, toast } from '../ui.js';

export async function usersPage() {
  const { users, roles } = await api.get('/users');
  const slot = h('div', { class: 'slot' });
  const roleSelect = (value, id) => h('select', { id, value, 'aria-label': 'Vai trò' }, roles.map((r) => h('option', { value: r.id, text: r.label })));

  const rows = users.map((u) => {
    const role = roleSelect(u.role, `role-${u.id}`);
    role.addEventListener('change', () =>
      busy(role, async () => {
        await api.put(`/users/${u.id}`, { role: role.value });
        toast(`Đã đổi vai trò của ${u.username}.`);
      }, slot).then(() => usersPage()),
    );
    const lock = button(u.disabled ? 'Mở khoá' : 'Khoá tài khoản', (e) =>
      busy(e.currentTarget, async () => {
        await api.put(`/users/${u.id}`, { disabled: !u.disabled });
        await usersPage();
      }, slot),
    { class: 'btn-small', tone: u.disabled ? undefined : 'danger', disabled: u.id === state.user.id });
    const reset = button('Đặt lại mật khẩu', (e) =>
      busy(e.currentTarget, async () => {
        const password = prompt(`Mật khẩu mới cho ${u.username} (ít nhất 10 ký tự):`);
        if (!password) return;
        await api.put(`/users/${u.id}`, { password });
        toast('Đã đặt lại mật khẩu. Hãy báo mật khẩu mới cho người dùng một cách kín đáo.');
      }, slot),
    { class: 'btn-small' });
    return h('tr', {}, h('td', {}, h('strong', { text: u.username }), h('div', { class: 'muted small', text: u.displayName })), h('td', {}, role), h('td', {}, u.disabled ? badge('Đã khoá', 'bad') : badge('Đang dùng', 'ok')), h('td', { class: 'muted small', text: when(u.createdAt) }), h('td', {}, h('div', { class: 'actions' }, lock, reset)));
  });

  const username = h('input', { id: 'new-username', type: 'text', autocomplete: 'off', maxlength: 40 });
  const displayName = h('input', { id: 'new-display', type: 'text', maxlength: 120 });
  const role = roleSelect('editor', 'new-role');
  const password = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password', minlength: 10 });
  const create = button('Tạo tài khoản', undefined, { tone: 'primary', type: 'submit' });
  const field = (id, label, input) => h('div', { class: 'field' }, h('label', { for: id, class: 'label', text: label }), input);

  page(
    'Người dùng',
    'Quản trị: quản lý người dùng và cài đặt. Biên tập: sửa nội dung. Xem báo cáo: chỉ xem.',
    slot,
    h('table', { class: 'table', id: 'users' }, h('thead', {}, h('tr', {}, ['Tài khoản', 'Vai trò', 'Trạng thái', 'Tạo lúc', ''].map((t) => h('th', { text: t })))), h('tbody', {}, rows)),
    h(
      'form',
      {
        class: 'card',
        onSubmit: (e) => {
          e.preventDefault();
          busy(create, async () => {
            await api.post('/users', { username: username.value, displayName: displayName.value, role: role.value, password: password.value });
            toast('Đã tạo tài khoản.');
            await usersPage();
          }, slot);
        },
      },
      h('h2', { text: 'Thêm người dùng' }),
      h('div', { class: 'grid-2' }, field('new-username', 'Tên đăng nhập (không dấu)', username), field('new-display', 'Họ tên', displayName), field('new-role', 'Vai trò', role), field('new-password', 'Mật khẩu ban đầu (ít nhất 10 ký tự)', password)),
      h('div', { class: 'actions' }, create),
    ),
  );
}
