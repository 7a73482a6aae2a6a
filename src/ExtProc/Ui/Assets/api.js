// Calls to the Hush API with the pasted JWT (kept in sessionStorage: this tab only).

const TOKEN_KEY = 'hush.token';
let unauthorized = () => {};

export class ApiError extends Error {
  constructor(status, type, message) {
    super(message || type || ('HTTP ' + status));
    this.status = status;
    this.type = type || '';
  }
}

export function token() { return sessionStorage.getItem(TOKEN_KEY); }
export function setToken(value) { sessionStorage.setItem(TOKEN_KEY, value); }
export function clearToken() { sessionStorage.removeItem(TOKEN_KEY); }

// Called with the server's reason whenever a request gets 401 (the app returns to the login view).
export function onUnauthorized(handler) { unauthorized = handler; }

export async function api(path, options) {
  const headers = { 'Authorization': 'Bearer ' + (token() || '') };
  const init = { method: 'GET', headers, cache: 'no-store', credentials: 'omit' };
  if (options && options.body !== undefined) {
    init.method = 'POST';
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    let type = '';
    let message = '';
    try {
      const body = await response.json();
      type = body && body.error ? String(body.error.type || '') : '';
      message = body && body.error ? String(body.error.message || '') : '';
    } catch (e) { /* not JSON */ }
    if (response.status === 401) { unauthorized(message || type || 'unauthorized'); }
    throw new ApiError(response.status, type, message);
  }
  return response;
}

export async function apiJson(path, options) { return (await api(path, options)).json(); }
