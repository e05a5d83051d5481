// The session (user, CSRF token) and the one way the page changes anything: a request carrying that token.
const response = await fetch('/api/session', { credentials: 'same-origin' });
if (response.status === 401) location.href = '/login';
export const session = await response.json();

/** POST (or GET) to the bot; returns the JSON answer, `{ error }` on failure. */
export async function api(path, init = {}) {
  try {
    const res = await fetch(path, { ...init, credentials: 'same-origin', headers: { ...(init.headers ?? {}), 'x-csrf-token': session.csrf } });
    const body = await res.json().catch(() => ({}));
    return res.ok ? body : { error: body.error ?? `HTTP ${res.status}` };
  } catch (error) {
    return { error: String(error) };
  }
}
