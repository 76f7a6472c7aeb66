// JSON calls to /admin/api with the session's CSRF token on every state-changing request.
import { state } from './state.js';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error || `Lỗi ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function call(method, path, body) {
  const headers = { accept: 'application/json' };
  if (method !== 'GET' && state.csrf) headers['x-csrf-token'] = state.csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(`/admin/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { error: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.' });
  }
  const data = (res.headers.get('content-type') || '').includes('application/json') ? await res.json() : null;
  if (res.status === 401 && path !== '/login' && path !== '/me') {
    state.user = null;
    location.hash = '#/dang-nhap';
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export const api = {
  get: (path) => call('GET', path),
  post: (path, body = {}) => call('POST', path, body),
  put: (path, body = {}) => call('PUT', path, body),
  del: (path) => call('DELETE', path),
};

/** Query string from an object, skipping empty values. */
export function qs(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const text = q.toString();
  return text ? `?${text}` : '';
}
