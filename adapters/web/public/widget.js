/*!
 * SmartBot website chat widget: one <script> on the ward's e-portal.
 * Plain ES2019, no dependencies. Works under a strict CSP: no inline script or style attribute
 * is needed, styles live in /widget.css linked inside the shadow root, and every piece of DOM is
 * built with createElement/textContent, so no HTML from the server or the citizen ever executes.
 */
(function () {
  'use strict';
  var TAG = 'smartbot-widget';
  if (!window.customElements || !document.body && !document.documentElement) return;
  if (customElements.get(TAG)) return; // snippet pasted twice

  // ---------------------------------------------------------------- configuration
  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  var scriptSrc = script && script.src ? script.src : location.href;
  var data = script ? script.dataset : {};
  var user = window.SmartBotConfig && typeof window.SmartBotConfig === 'object' ? window.SmartBotConfig : {};

  /** window.SmartBotConfig wins over data-* attributes; only strings count. */
  function opt(name) {
    var v = typeof user[name] === 'string' ? user[name] : data[name];
    return typeof v === 'string' ? v.trim() : '';
  }

  /** An absolute http(s) URL, or '' (javascript:, data: and garbage are dropped). */
  function safeUrl(value, base) {
    if (typeof value !== 'string' || !value) return '';
    try {
      var u = new URL(value, base);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '';
    } catch (e) {
      return '';
    }
  }

  var API = safeUrl(opt('apiBase') || new URL('.', scriptSrc).href, location.href) || location.origin + '/';
  if (API.charAt(API.length - 1) !== '/') API += '/';
  var TIMEOUT_MS = 15000;
  var MAX_HISTORY = 40;
  var STORE_KEY = 'smartbot.v1:' + new URL(API).host;
  var OPEN_KEY = STORE_KEY + ':open';

  var settings = {
    wardName: opt('wardName').slice(0, 120),
    greeting: opt('greeting').slice(0, 500),
    avatar: safeUrl(opt('avatar'), location.href),
    position: opt('position') === 'left' ? 'left' : 'right',
    primary: validColor(opt('primaryColor')) ? opt('primaryColor') : '#a51c1c',
  };

  function validColor(v) {
    return !!v && v.length <= 60 && /^(#[0-9a-f]{3,8}|(rgb|rgba|hsl|hsla)\([0-9.,%\s/deg]+\)|[a-z]{3,25})$/i.test(v) &&
      !!(window.CSS && CSS.supports && CSS.supports('color', v));
  }

  // ---------------------------------------------------------------- storage
  function load(key, fallback, area) {
    try {
      var raw = (area || localStorage).getItem(key);
      return raw ? JSON.parse(raw) : fallback;
    } catch (e) {
      return fallback;
    }
  }
  function save(key, value, area) {
    try {
      (area || localStorage).setItem(key, JSON.stringify(value));
    } catch (e) { /* storage full or disabled: the chat still works for this page view */ }
  }
  function newSessionId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return 'w-' + Array.prototype.map.call(bytes, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }

  var stored = load(STORE_KEY, {});
  var state = {
    sessionId: typeof stored.sessionId === 'string' && /^[\w-]{8,64}$/.test(stored.sessionId) ? stored.sessionId : newSessionId(),
    history: Array.isArray(stored.history) ? stored.history.slice(-MAX_HISTORY) : [],
    large: stored.large === true,
  };
  function persist() {
    state.history = state.history.slice(-MAX_HISTORY);
    save(STORE_KEY, { sessionId: state.sessionId, history: state.history, large: state.large });
  }

  // ---------------------------------------------------------------- DOM helpers (elements and text nodes only)
  function h(tag, props) {
    var el = document.createElement(tag);
    if (props) {
      Object.keys(props).forEach(function (k) {
        var v = props[k];
        if (v === undefined || v === null || v === false) return;
        if (k === 'class') el.className = v;
        else if (k === 'text') el.textContent = v;
        else if (/^on|^style$/i.test(k)) throw new Error('unsafe attribute ' + k);
        else el.setAttribute(k, v === true ? '' : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return el;
  }
  var SVGNS = 'http://www.w3.org/2000/svg';
  var ICONS = {
    chat: 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2zM6 9h12v2H6zm8 5H6v-2h8zm4-6H6V6h12z',
    close: 'M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z',
    send: 'M2.01 21 23 12 2.01 3 2 10l15 2-15 2z',
    up: 'M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z',
    down: 'M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2h6.31l-.95 4.57-.03.32c0 .41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-1.1-.9-2-2-2zm4 0v12h4V3h-4z',
    phone: 'M6.62 10.79c1.44 2.83 3.76 5.14 6.59 6.59l2.2-2.2c.27-.27.67-.36 1.02-.24 1.12.37 2.33.57 3.57.57.55 0 1 .45 1 1V20c0 .55-.45 1-1 1-9.39 0-17-7.61-17-17 0-.55.45-1 1-1h3.5c.55 0 1 .45 1 1 0 1.25.2 2.45.57 3.57.11.35.03.74-.25 1.02l-2.2 2.2z',
    restart: 'M17.65 6.35A7.96 7.96 0 0 0 12 4a8 8 0 1 0 7.73 10h-2.08A6 6 0 1 1 12 6c1.66 0 3.14.69 4.22 1.78L13 11h7V4l-2.35 2.35z',
    text: 'M9 4v3h5v12h3V7h5V4H9zm-6 8h3v7h3v-7h3V9H3v3z',
    open: 'M19 19H5V5h7V3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14c1.1 0 2-.9 2-2v-7h-2v7zM14 3v2h3.59l-9.83 9.83 1.41 1.41L19 6.41V10h2V3h-7z',
  };
  function icon(name) {
    var svg = document.createElementNS(SVGNS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('class', 'sb-icon');
    var path = document.createElementNS(SVGNS, 'path');
    path.setAttribute('d', ICONS[name]);
    svg.appendChild(path);
    return svg;
  }
  function str(v, max) {
    return typeof v === 'string' ? v.slice(0, max || 4000) : '';
  }
  function arr(v) {
    return Array.isArray(v) ? v : [];
  }
  /** Text with http(s) URLs turned into safe links; line breaks kept by CSS (pre-line). */
  function richText(text, cls) {
    var p = h('p', { class: cls || 'sb-text' });
    var re = /https?:\/\/[^\s<>"')\]]+/g;
    var last = 0;
    var m;
    while ((m = re.exec(text))) {
      var url = m[0].replace(/[.,;:!?]+$/, '');
      p.appendChild(document.createTextNode(text.slice(last, m.index)));
      var href = safeUrl(url);
      p.appendChild(href ? externalLink(url, href, 'sb-inline-link') : document.createTextNode(url));
      last = m.index + url.length;
    }
    p.appendChild(document.createTextNode(text.slice(last)));
    return p;
  }
  function externalLink(label, href, cls) {
    return h('a', { class: cls, href: href, target: '_blank', rel: 'noopener noreferrer' }, label);
  }

  // ---------------------------------------------------------------- colour contrast (WCAG)
  function rgbOf(color, probeParent) {
    var probe = h('span');
    probe.style.color = color; // CSSOM, allowed under CSP
    probeParent.appendChild(probe);
    var m = /rgba?\(([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(getComputedStyle(probe).color);
    probeParent.removeChild(probe);
    return m ? [+m[1], +m[2], +m[3]] : null;
  }
  function luminance(rgb) {
    var c = rgb.map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  function contrast(a, b) {
    var x = luminance(a), y = luminance(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }

  // ---------------------------------------------------------------- the element
  class SmartBotWidget extends HTMLElement {
    connectedCallback() {
      if (!this.shadowRoot) build(this);
    }
  }
  customElements.define(TAG, SmartBotWidget);

  var ui = {};
  var wardConfig = null;
  var busy = false;
  var generation = 0; // bumped by "Bắt đầu lại" so a late reply never lands in the new conversation

  function build(host) {
    var root = host.attachShadow({ mode: 'open' });
    // Hidden until the stylesheet has loaded, so the portal never sees unstyled widget parts.
    host.style.setProperty('display', 'none', 'important');
    var css = h('link', { rel: 'stylesheet', href: API + 'widget.css' });
    var reveal = function () { host.style.removeProperty('display'); };
    css.addEventListener('load', reveal);
    css.addEventListener('error', reveal);
    root.appendChild(css);

    var wrap = h('div', { class: 'sb-root sb-' + settings.position + (state.large ? ' sb-large' : ''), lang: 'vi' });
    root.appendChild(wrap);
    ui.root = root;
    ui.wrap = wrap;
    applyTheme(wrap);

    ui.launcher = h('button', { type: 'button', class: 'sb-launcher', 'aria-expanded': 'false', 'aria-controls': 'sb-panel', 'aria-label': 'Mở trợ lý ảo hỏi đáp thủ tục hành chính' },
      icon('chat'), h('span', { class: 'sb-launcher-text', text: 'Hỏi đáp thủ tục' }));
    ui.launcher.addEventListener('click', function () { openPanel(true); });

    var title = settings.wardName ? 'Trợ lý ảo ' + settings.wardName : 'Trợ lý ảo thủ tục hành chính';
    ui.title = h('h2', { class: 'sb-title', id: 'sb-title', text: title });
    ui.large = h('button', { type: 'button', class: 'sb-tool', 'aria-pressed': String(state.large), title: 'Phóng to chữ' }, icon('text'), h('span', { text: 'Chữ lớn' }));
    ui.large.addEventListener('click', toggleLarge);
    var restart = h('button', { type: 'button', class: 'sb-tool', title: 'Xoá cuộc trò chuyện và bắt đầu lại' }, icon('restart'), h('span', { text: 'Bắt đầu lại' }));
    restart.addEventListener('click', resetConversation);
    var close = h('button', { type: 'button', class: 'sb-close', 'aria-label': 'Đóng cửa sổ trò chuyện' }, icon('close'));
    close.addEventListener('click', function () { closePanel(); });
    var avatar = settings.avatar ? h('img', { class: 'sb-avatar', src: settings.avatar, alt: '', width: '40', height: '40' }) : h('span', { class: 'sb-avatar sb-avatar-icon' }, icon('chat'));

    ui.log = h('div', { class: 'sb-log', role: 'log', 'aria-label': 'Nội dung trò chuyện', tabindex: '0' });
    ui.typing = h('div', { class: 'sb-typing', hidden: true }, h('span', { class: 'sb-dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), h('span', { text: 'Trợ lý đang trả lời…' }));
    ui.input = h('input', { type: 'text', class: 'sb-input', id: 'sb-input', maxlength: '2000', autocomplete: 'off', enterkeyhint: 'send', placeholder: 'Nhập câu hỏi của bạn…', 'aria-label': 'Câu hỏi của bạn' });
    ui.send = h('button', { type: 'submit', class: 'sb-send', 'aria-label': 'Gửi câu hỏi' }, icon('send'));
    var form = h('form', { class: 'sb-form', novalidate: true }, ui.input, ui.send);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      send(ui.input.value);
    });

    ui.panel = h('section', { class: 'sb-panel', id: 'sb-panel', role: 'dialog', 'aria-labelledby': 'sb-title', hidden: true },
      h('header', { class: 'sb-header' },
        avatar,
        h('div', { class: 'sb-heading' }, ui.title, h('p', { class: 'sb-subtitle', text: 'Hướng dẫn thủ tục hành chính' })),
        close),
      h('div', { class: 'sb-toolbar' }, ui.large, restart),
      ui.log,
      ui.typing,
      form,
      h('p', { class: 'sb-privacy', text: 'Vui lòng không nhập số căn cước, số điện thoại hay thông tin cá nhân.' }));
    ui.panel.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') {
        e.stopPropagation();
        closePanel();
      }
    });
    wrap.appendChild(ui.launcher);
    wrap.appendChild(ui.panel);

    renderAll();
    if (load(OPEN_KEY, false, sessionStorage) === true) openPanel(false);
  }

  function applyTheme(wrap) {
    wrap.style.setProperty('--sb-primary', settings.primary);
    var rgb = rgbOf(settings.primary, wrap);
    if (!rgb) return;
    var white = [255, 255, 255], dark = [17, 17, 17];
    wrap.style.setProperty('--sb-on-primary', contrast(rgb, white) >= contrast(rgb, dark) ? '#ffffff' : '#111111');
    // Text and borders drawn in the primary colour on white must stay readable (WCAG AA 4.5:1).
    if (contrast(rgb, white) < 4.5) wrap.style.setProperty('--sb-accent', '#1f2328');
  }

  function openPanel(moveFocus) {
    ui.panel.hidden = false;
    ui.launcher.hidden = true;
    ui.launcher.setAttribute('aria-expanded', 'true');
    save(OPEN_KEY, true, sessionStorage);
    loadWardConfig();
    scrollToEnd();
    if (moveFocus) ui.input.focus();
  }
  function closePanel() {
    ui.panel.hidden = true;
    ui.launcher.hidden = false;
    ui.launcher.setAttribute('aria-expanded', 'false');
    save(OPEN_KEY, false, sessionStorage);
    ui.launcher.focus();
  }
  function toggleLarge() {
    state.large = !state.large;
    ui.wrap.classList.toggle('sb-large', state.large);
    ui.large.setAttribute('aria-pressed', String(state.large));
    persist();
  }

  // ---------------------------------------------------------------- network
  function request(path, body) {
    var ctrl = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = ctrl ? setTimeout(function () { ctrl.abort(); }, TIMEOUT_MS) : 0;
    var init = body === undefined
      ? { method: 'GET', signal: ctrl && ctrl.signal, credentials: 'omit' }
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: ctrl && ctrl.signal, credentials: 'omit' };
    return fetch(API + path, init).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) {
        if (!res.ok) {
          var err = new Error('http ' + res.status);
          err.status = res.status;
          err.serverMessage = res.status < 500 && json && typeof json.error === 'string' ? json.error : '';
          throw err;
        }
        return json;
      });
    }, function (e) {
      var err = new Error('network');
      err.timeout = !!(e && e.name === 'AbortError');
      throw err;
    }).finally(function () { clearTimeout(timer); });
  }

  function loadWardConfig() {
    if (wardConfig) return;
    wardConfig = { pending: true };
    request('api/widget-config').then(function (cfg) {
      wardConfig = cfg && typeof cfg === 'object' ? cfg : {};
      if (!settings.wardName && str(cfg.wardName)) {
        settings.wardName = str(cfg.wardName, 120);
        ui.title.textContent = 'Trợ lý ảo ' + settings.wardName;
      }
      renderGreeting();
    }, function () {
      wardConfig = null; // try again on the next open
    });
  }

  // ---------------------------------------------------------------- conversation
  function send(raw) {
    var text = String(raw || '').replace(/\s+/g, ' ').trim();
    if (!text || busy) return;
    busy = true;
    clearError();
    ui.input.value = '';
    var bubble = renderUser(text);
    ui.log.appendChild(bubble);
    hideOldChips();
    setWaiting(true);
    var mine = generation;
    request('api/chat', { sessionId: state.sessionId, text: text.slice(0, 2000), channel: 'web' }).then(function (res) {
      if (mine !== generation) return;
      if (!res || !res.reply || typeof res.reply !== 'object') throw new Error('bad reply');
      var item = { t: 'b', reply: res.reply, id: typeof res.messageId === 'number' ? res.messageId : null };
      state.history.push({ t: 'u', text: text }, item);
      persist();
      var el = renderBot(item);
      ui.log.appendChild(el);
      hideOldChips();
      scrollToMessage(el);
    }).catch(function (err) {
      if (mine !== generation) return;
      if (bubble.parentNode) bubble.parentNode.removeChild(bubble);
      if (!ui.input.value) ui.input.value = text; // the unsent text stays in the input
      showError(err);
    }).finally(function () {
      busy = false;
      setWaiting(false);
    });
  }

  function setWaiting(on) {
    ui.typing.hidden = !on;
    ui.send.setAttribute('aria-disabled', String(on));
    if (on) {
      ui.log.setAttribute('aria-busy', 'true');
      scrollToEnd();
    } else {
      ui.log.removeAttribute('aria-busy');
    }
  }

  function showError(err) {
    var hotline = wardConfig && str(wardConfig.hotline, 40);
    var message = err && err.serverMessage
      ? err.serverMessage
      : err && err.timeout
        ? 'Máy chủ phản hồi quá lâu. Bạn bấm “Thử lại” nhé.'
        : err && err.status
          ? 'Hệ thống đang gặp sự cố. Bạn bấm “Thử lại” sau ít phút' + (hotline ? ' hoặc gọi ' + hotline : '') + '.'
          : 'Không kết nối được với máy chủ. Bạn kiểm tra kết nối mạng rồi bấm “Thử lại”.';
    var retry = h('button', { type: 'button', class: 'sb-btn sb-retry' }, icon('restart'), h('span', { text: 'Thử lại' }));
    retry.addEventListener('click', function () {
      send(ui.input.value);
    });
    ui.error = h('div', { class: 'sb-msg sb-bot sb-error' }, h('p', { class: 'sb-text', text: message }), retry);
    ui.log.appendChild(ui.error);
    scrollToEnd();
    retry.focus();
  }
  function clearError() {
    if (ui.error && ui.error.parentNode) ui.error.parentNode.removeChild(ui.error);
    ui.error = null;
  }

  function resetConversation() {
    var old = state.sessionId;
    generation++;
    request('api/session/reset', { sessionId: old, channel: 'web' }).catch(function () { /* state expires anyway */ });
    state.sessionId = newSessionId();
    state.history = [];
    persist();
    clearError();
    ui.input.value = '';
    renderAll();
    ui.input.focus();
  }

  // ---------------------------------------------------------------- rendering
  function renderAll() {
    while (ui.log.firstChild) ui.log.removeChild(ui.log.firstChild);
    ui.greeting = h('div', { class: 'sb-msg sb-bot sb-greeting' });
    ui.log.appendChild(ui.greeting);
    renderGreeting();
    state.history.forEach(function (item) {
      if (item && item.t === 'u' && typeof item.text === 'string') ui.log.appendChild(renderUser(item.text));
      else if (item && item.t === 'b' && item.reply && typeof item.reply === 'object') ui.log.appendChild(renderBot(item));
    });
    hideOldChips();
    scrollToEnd();
  }

  function renderGreeting() {
    var g = ui.greeting;
    if (!g) return;
    while (g.firstChild) g.removeChild(g.firstChild);
    var ward = settings.wardName || 'phường';
    g.appendChild(h('p', { class: 'sb-text', text: settings.greeting || 'Xin chào! Tôi là trợ lý ảo của ' + ward + '. Bạn cần hỏi về thủ tục hành chính nào? Bạn có thể gõ có dấu hoặc không dấu.' }));
    var topics = wardConfig ? arr(wardConfig.suggestedTopics) : [];
    var labels = topics.map(function (t) { return str(t && t.label, 120); }).filter(Boolean).slice(0, 6);
    if (labels.length) {
      g.appendChild(h('p', { class: 'sb-note', text: 'Chủ đề thường hỏi:' }));
      g.appendChild(chips(labels, 'sb-chips sb-topics'));
    }
  }

  function renderUser(text) {
    return h('div', { class: 'sb-msg sb-user' }, h('span', { class: 'sb-visually-hidden', text: 'Bạn: ' }), h('p', { class: 'sb-text', text: text }));
  }

  function renderBot(item) {
    var reply = item.reply;
    var el = h('div', { class: 'sb-msg sb-bot' }, h('span', { class: 'sb-visually-hidden', text: 'Trợ lý: ' }));
    var text = str(reply.text, 4000);
    switch (reply.kind) {
      case 'answer':
        renderAnswer(el, reply, text);
        if (item.id || str(reply.entryId)) el.appendChild(feedback(item));
        if (arr(reply.suggestions).length) el.appendChild(chips(arr(reply.suggestions).map(function (s) { return str(s, 120); }).filter(Boolean), 'sb-chips sb-followups'));
        break;
      case 'choices': {
        el.appendChild(richText(text.split('\n')[0] || 'Bạn chọn giúp một mục:'));
        var list = h('div', { class: 'sb-choices', role: 'group', 'aria-label': 'Các lựa chọn' });
        arr(reply.choices).forEach(function (c) {
          var label = str(c && c.label, 200);
          if (!label) return;
          var b = h('button', { type: 'button', class: 'sb-btn sb-choice', text: label });
          b.addEventListener('click', function () { send(label); });
          list.appendChild(b);
        });
        el.appendChild(list);
        break;
      }
      case 'fallback': {
        var suggestions = arr(reply.suggestions).map(function (s) { return str(s, 200); }).filter(Boolean);
        // The topic list in the text is shown as buttons below, so it is cut from the text.
        var cut = text.search(/\s*Một số chủ đề thường hỏi:?/);
        var lead = suggestions.length && cut > 0 ? text.slice(0, cut) : text;
        el.appendChild(richText(lead.replace(/\s+(Cần hỗ trợ trực tiếp:)/, '\n$1')));
        var tel = str(reply.hotline, 40).replace(/[^\d+]/g, '');
        if (tel) el.appendChild(h('a', { class: 'sb-btn sb-call', href: 'tel:' + tel, 'aria-label': 'Gọi đường dây nóng ' + str(reply.hotline, 40) }, icon('phone'), h('span', { text: 'Gọi ' + str(reply.hotline, 40) })));
        if (suggestions.length) {
          el.appendChild(h('p', { class: 'sb-note', text: 'Một số chủ đề thường hỏi:' }));
          el.appendChild(chips(suggestions, 'sb-chips sb-topics'));
        }
        break;
      }
      default:
        // A reply kind this widget does not know yet still shows its plain text.
        el.appendChild(richText(text));
    }
    return el;
  }

  function renderAnswer(el, reply, text) {
    var card = reply.card && typeof reply.card === 'object' ? reply.card : null;
    var links = arr(reply.links).map(function (l) {
      return { label: str(l && l.label, 80), raw: str(l && l.url, 2000), url: safeUrl(str(l && l.url, 2000), API) };
    }).filter(function (l) { return l.label && l.url; });
    if (card && !links.length && safeUrl(card.detailUrl, API)) links.push({ label: 'Xem chi tiết', raw: str(card.detailUrl), url: safeUrl(card.detailUrl, API) });
    var aspect = str(reply.aspect, 20);
    var box = card ? h('article', { class: 'sb-card', 'aria-label': str(card.title, 300) }) : el;
    if (card) {
      el.classList.add('sb-has-card');
      el.appendChild(box);
      box.appendChild(h('h3', { class: 'sb-card-title', text: str(card.title, 300) }));
    }
    // Lines the buttons below already offer ("Xem đầy đủ: /thu-tuc/...") and a repeated title are dropped.
    var body = text.split('\n').filter(function (line) {
      var more = /^Xem đầy đủ:\s*(\S+)\s*$/.exec(line);
      if (more && links.some(function (l) { return l.raw === more[1] || l.url === safeUrl(more[1], API); })) return false;
      return !(card && line.trim() === '📄 ' + str(card.title, 300));
    }).join('\n').replace(/^\n+|\n+$/g, '');

    var showQr = false;
    if (card && !aspect) {
      if (str(card.summary)) box.appendChild(h('p', { class: 'sb-text', text: str(card.summary, 600) }));
      box.appendChild(checklist(card));
      box.appendChild(facts(card));
      showQr = true;
    } else if (card && aspect === 'documents') {
      box.appendChild(checklist(card));
      showQr = true;
    } else {
      if (body) box.appendChild(richText(body));
      showQr = aspect === 'online';
    }
    var qr = reply.qr && safeUrl(str(reply.qr.png, 2000), API);
    if (card && qr && showQr) {
      box.appendChild(h('figure', { class: 'sb-qr' },
        h('img', { src: qr, alt: 'Mã QR mở trang nộp hồ sơ trực tuyến: ' + str(card.title, 200), width: '132', height: '132', loading: 'eager', decoding: 'async' }),
        h('figcaption', { text: 'Quét mã bằng điện thoại để mở trang nộp hồ sơ trực tuyến.' })));
    }
    if (links.length) {
      var actions = h('div', { class: 'sb-actions' });
      links.forEach(function (l, i) {
        var label = /^Xem chi tiết/.test(l.label) ? 'Xem chi tiết' : l.label;
        var a = externalLink('', l.url, 'sb-btn ' + (i === 0 ? 'sb-primary' : 'sb-secondary'));
        a.appendChild(h('span', { text: label }));
        a.appendChild(icon('open'));
        a.setAttribute('aria-label', label + ' (mở trong thẻ mới)');
        actions.appendChild(a);
      });
      box.appendChild(actions);
    }
  }

  function checklist(card) {
    var docs = arr(card.documents);
    var wrap = h('div', { class: 'sb-section' }, h('h4', { text: 'Giấy tờ cần chuẩn bị' }));
    if (!docs.length) {
      wrap.appendChild(h('p', { class: 'sb-text', text: 'Chưa cập nhật — bạn bấm “Xem chi tiết”.' }));
      return wrap;
    }
    var list = h('ul', { class: 'sb-checklist' });
    docs.forEach(function (d) {
      if (!d || typeof d !== 'object') return;
      var count = typeof d.count === 'number' && d.count > 1 ? d.count + ' bản' : '';
      var extra = [str(d.form, 60), count].filter(Boolean).join(', ');
      var label = h('label', null, h('input', { type: 'checkbox' }), h('span', { class: 'sb-doc' }, str(d.name, 400), extra ? h('span', { class: 'sb-muted', text: ' (' + extra + ')' }) : null));
      list.appendChild(h('li', null, label, str(d.note) ? h('p', { class: 'sb-muted sb-doc-note', text: str(d.note, 400) }) : null));
    });
    wrap.appendChild(list);
    return wrap;
  }

  function facts(card) {
    var dl = h('dl', { class: 'sb-facts' });
    [['Lệ phí', card.fee], ['Thời gian', card.processingTime], ['Nơi nộp', card.where], ['Trực tuyến', card.onlineLevel]].forEach(function (f) {
      var v = str(f[1], 600);
      if (v) {
        dl.appendChild(h('dt', { text: f[0] }));
        dl.appendChild(h('dd', { text: v }));
      }
    });
    return dl;
  }

  function chips(labels, cls) {
    var box = h('div', { class: cls, role: 'group', 'aria-label': 'Gợi ý câu hỏi' });
    labels.forEach(function (label) {
      var b = h('button', { type: 'button', class: 'sb-chip', text: label });
      b.addEventListener('click', function () { send(label); });
      box.appendChild(b);
    });
    return box;
  }

  /** Only the newest message's quick replies stay visible; older ones would clutter the log. */
  function hideOldChips() {
    var all = ui.log.querySelectorAll('.sb-followups');
    for (var i = 0; i < all.length; i++) all[i].hidden = i !== all.length - 1 || all[i].parentNode !== lastBot();
  }
  function lastBot() {
    var bots = ui.log.querySelectorAll('.sb-msg.sb-bot');
    return bots[bots.length - 1];
  }

  function feedback(item) {
    var row = h('div', { class: 'sb-feedback' });
    function done(message) {
      while (row.firstChild) row.removeChild(row.firstChild);
      row.appendChild(h('p', { class: 'sb-muted', text: message }));
    }
    if (item.rating === 1 || item.rating === -1) {
      done('Cảm ơn bạn đã góp ý!');
      return row;
    }
    var up = h('button', { type: 'button', class: 'sb-rate', 'aria-label': 'Câu trả lời hữu ích' }, icon('up'));
    var down = h('button', { type: 'button', class: 'sb-rate', 'aria-label': 'Câu trả lời chưa hữu ích' }, icon('down'));
    var status = h('span', { class: 'sb-muted' });
    row.appendChild(h('span', { class: 'sb-muted', text: 'Câu trả lời có hữu ích không?' }));
    row.appendChild(up);
    row.appendChild(down);
    row.appendChild(status);
    function submit(rating, comment, buttons) {
      buttons.forEach(function (b) { b.disabled = true; });
      var body = { sessionId: state.sessionId, rating: rating };
      if (item.id) body.messageId = item.id;
      else body.entryId = str(item.reply.entryId, 80);
      if (comment) body.comment = comment.slice(0, 500);
      request('api/feedback', body).then(function () {
        item.rating = rating;
        persist();
        done('Cảm ơn bạn đã góp ý!');
      }, function () {
        buttons.forEach(function (b) { b.disabled = false; });
        status.textContent = 'Chưa gửi được góp ý. Bạn thử lại nhé.';
      });
    }
    up.addEventListener('click', function () { submit(1, '', [up, down]); });
    down.addEventListener('click', function () {
      up.disabled = true;
      down.disabled = true;
      down.setAttribute('aria-pressed', 'true');
      var id = 'sb-c' + Math.random().toString(36).slice(2);
      var area = h('textarea', { id: id, class: 'sb-comment', rows: '2', maxlength: '500' });
      var ok = h('button', { type: 'button', class: 'sb-btn sb-primary', text: 'Gửi góp ý' });
      var skip = h('button', { type: 'button', class: 'sb-btn sb-secondary', text: 'Bỏ qua' });
      var box = h('div', { class: 'sb-comment-box' }, h('label', { for: id, text: 'Chưa ổn ở đâu? Bạn có thể ghi ngắn gọn (không bắt buộc):' }), area, h('div', { class: 'sb-actions' }, ok, skip));
      ok.addEventListener('click', function () { submit(-1, area.value.trim(), [ok, skip]); });
      skip.addEventListener('click', function () { submit(-1, '', [ok, skip]); });
      row.appendChild(box);
      area.focus();
    });
    return row;
  }

  function scrollToEnd() {
    if (ui.log) ui.log.scrollTop = ui.log.scrollHeight;
  }
  /** A long answer card is read from its top, not its bottom. */
  function scrollToMessage(el) {
    var prev = el.previousElementSibling;
    var from = prev && prev.classList.contains('sb-user') ? prev : el;
    var top = from.offsetTop - 8;
    ui.log.scrollTop = el.offsetTop + el.offsetHeight - top > ui.log.clientHeight ? top : ui.log.scrollHeight;
  }

  function mount() {
    if (!document.querySelector(TAG)) document.body.appendChild(document.createElement(TAG));
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
