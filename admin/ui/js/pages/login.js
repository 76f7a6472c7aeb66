// Sign-in and own-password pages.
import { api } from '../api.js';
import { h } from '../dom.js';
import { state } from '../state.js';
import { busy, button, notice, page, toast } from '../ui.js';

export function loginPage() {
  const errors = h('div', { class: 'slot' });
  const user = h('input', { id: 'username', name: 'username', type: 'text', autocomplete: 'username', required: true, autofocus: true });
  const pass = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = button('Đăng nhập', undefined, { type: 'submit', tone: 'primary', id: 'login-submit' });
  const form = h(
    'form',
    {
      class: 'card narrow-card',
      onSubmit: (e) => {
        e.preventDefault();
        busy(
          submit,
          async () => {
            const me = await api.post('/login', { username: user.value, password: pass.value });
            state.user = me.user;
            state.roleLabel = me.roleLabel;
            state.csrf = me.csrfToken;
            // The hash change draws the menu and the first page.
            location.hash = '#/noi-dung';
          },
          errors,
        );
      },
    },
    errors,
    h('div', { class: 'field' }, h('label', { for: 'username', class: 'label', text: 'Tên đăng nhập' }), user),
    h('div', { class: 'field' }, h('label', { for: 'password', class: 'label', text: 'Mật khẩu' }), pass),
    submit,
    h('p', { class: 'help', text: 'Quên mật khẩu? Hãy nhờ quản trị viên đặt lại.' }),
  );
  page('Đăng nhập', 'Trang dành cho cán bộ Trung tâm Phục vụ hành chính công.', form);
  user.focus();
}

export function passwordPage() {
  const errors = h('div', { class: 'slot' });
  const current = h('input', { id: 'pw-current', type: 'password', autocomplete: 'current-password' });
  const next = h('input', { id: 'pw-next', type: 'password', autocomplete: 'new-password', minlength: 10 });
  const again = h('input', { id: 'pw-again', type: 'password', autocomplete: 'new-password' });
  const submit = button('Đổi mật khẩu', undefined, { type: 'submit', tone: 'primary' });
  page(
    'Đổi mật khẩu',
    'Mật khẩu mới cần ít nhất 10 ký tự. Nên dùng một câu dễ nhớ với bạn nhưng khó đoán với người khác.',
    h(
      'form',
      {
        class: 'card narrow-card',
        onSubmit: (e) => {
          e.preventDefault();
          if (next.value !== again.value) {
            errors.replaceChildren(notice('Hai lần nhập mật khẩu mới không khớp.', 'error'));
            return;
          }
          busy(
            submit,
            async () => {
              const r = await api.post('/me/password', { current: current.value, next: next.value });
              state.csrf = r.csrfToken;
              toast('Đã đổi mật khẩu.');
              location.hash = '#/noi-dung';
            },
            errors,
          );
        },
      },
      errors,
      h('div', { class: 'field' }, h('label', { for: 'pw-current', class: 'label', text: 'Mật khẩu hiện tại' }), current),
      h('div', { class: 'field' }, h('label', { for: 'pw-next', class: 'label', text: 'Mật khẩu mới' }), next),
      h('div', { class: 'field' }, h('label', { for: 'pw-again', class: 'label', text: 'Nhập lại mật khẩu mới' }), again),
      submit,
    ),
  );
}
