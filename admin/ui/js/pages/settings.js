// Ward profile (form generated from the WardProfile schema) and write-only channel credentials.
import { api } from '../api.js';
import { h, mount, when } from '../dom.js';
import { buildForm } from '../form.js';
import { badge, busy, button, page, toast } from '../ui.js';

export async function settingsPage() {
  const [{ ward, form: fields }, { secrets, zalo }] = await Promise.all([api.get('/settings/ward'), api.get('/settings/secrets')]);
  const form = buildForm(fields, ward ?? {});
  const slot = h('div', { class: 'slot' });
  const save = button('Lưu thông tin phường', undefined, { tone: 'primary', type: 'submit', id: 'save-ward' });
  const secretsBox = h('tbody', { id: 'secrets' });
  const secretSlot = h('div', { class: 'slot' });

  const drawSecrets = (list) =>
    mount(
      secretsBox,
      list.map((sec) => {
        const input = h('input', { type: 'password', autocomplete: 'new-password', 'aria-label': `Giá trị mới cho ${sec.label}`, placeholder: sec.isSet ? 'Nhập giá trị mới để thay' : 'Nhập giá trị' });
        const set = button('Lưu', undefined, { class: 'btn-small' });
        set.addEventListener('click', () =>
          busy(
            set,
            async () => {
              const r = await api.put(`/settings/secrets/${sec.key}`, { value: input.value });
              toast('Đã lưu. Giá trị được giữ kín, không hiện lại trên trang.');
              drawSecrets(r.secrets);
            },
            secretSlot,
          ),
        );
        const clear = sec.isSet
          ? button('Xoá', async (e) =>
              busy(e.currentTarget, async () => {
                if (!confirm(`Xoá "${sec.label}"? Kênh dùng thông số này sẽ ngừng hoạt động.`)) return;
                drawSecrets((await api.del(`/settings/secrets/${sec.key}`)).secrets);
              }, secretSlot),
            { class: 'btn-small', tone: 'danger' })
          : null;
        return h(
          'tr',
          { 'data-key': sec.key },
          h('td', {}, h('strong', { text: sec.label }), h('div', { class: 'muted small', text: sec.key })),
          h(
            'td',
            {},
            sec.isSet ? badge('Đã đặt', 'ok') : badge('Chưa đặt', 'neutral'),
            sec.isSet ? h('div', { class: 'muted small', text: `${sec.updatedBy}, ${when(sec.updatedAt)}` }) : null,
            sec.fromEnvironment ? h('div', { class: 'muted small', text: 'Máy chủ đang dùng giá trị đặt sẵn trong cấu hình (biến môi trường); giá trị đó được ưu tiên.' }) : null,
          ),
          h('td', { class: 'secret-input' }, input, set, clear),
        );
      }),
    );
  drawSecrets(secrets);

  page(
    'Cài đặt',
    'Thông tin phường dùng trong câu trả lời của bot (địa chỉ, giờ làm việc, đường dây nóng…).',
    h(
      'form',
      {
        class: 'card',
        id: 'ward-form',
        onSubmit: (e) => {
          e.preventDefault();
          busy(
            save,
            async () => {
              try {
                await api.put('/settings/ward', { ward: form.read() });
                form.clearErrors();
                toast('Đã lưu thông tin phường. Bot dùng thông tin mới ngay.');
              } catch (error) {
                if (error.body?.errors) form.showErrors(error.body.errors);
                throw error;
              }
            },
            slot,
          );
        },
      },
      h('h2', { text: 'Thông tin phường' }),
      slot,
      form.el,
      h('div', { class: 'actions' }, save),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', { text: 'Thông số kết nối kênh (Zalo, Telegram)' }),
      h('p', { class: 'help', text: 'Vì an toàn, giá trị đã lưu không bao giờ hiện lại. Trang chỉ cho biết "Đã đặt" hay "Chưa đặt". Muốn đổi, nhập giá trị mới rồi bấm Lưu. Thay đổi có hiệu lực sau khi khởi động lại máy chủ SmartBot.' }),
      secretSlot,
      zalo
        ? h('p', { id: 'zalo-token-status' }, badge(zalo.state === 'ok' ? 'Zalo: token còn hiệu lực' : zalo.state === 'reconsent' ? 'Zalo: cần cấp quyền lại' : `Zalo: ${zalo.state}`, zalo.state === 'ok' ? 'ok' : zalo.state === 'reconsent' ? 'bad' : 'neutral'), ' ', h('span', { text: zalo.message }))
        : null,
      h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ['Thông số', 'Trạng thái', 'Đặt giá trị mới'].map((t) => h('th', { text: t })))), secretsBox),
    ),
  );
}
