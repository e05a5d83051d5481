/**
 * Who may use the page, and the browser-side defences. Two modes:
 *
 * - **Loopback, no token** (the default): the page is for the person at this
 *   machine. A session is made on the first visit; the Host header must name
 *   the loopback address, so a web site that rebinds its DNS name to
 *   127.0.0.1 cannot drive the bot from a visitor's browser.
 * - **Token** (`WEB_TOKEN`, required for any other bind): `/login` with the
 *   token (compared in constant time) sets an HttpOnly, SameSite=Strict
 *   session cookie.
 *
 * Every state-changing request carries the session's CSRF token in a header
 * and passes Hono's Origin check; the CSP allows scripts from this origin
 * only (no inline script, no eval: charts use vega's AST interpreter).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export const SESSION_COOKIE = 'pwbot_session';
export const CSRF_HEADER = 'x-csrf-token';

export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Constant-time string equality (hashing first makes the lengths equal). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The Host header's name without its port (`[::1]:8787` → `[::1]`). */
function hostName(header: string): string {
  if (header.startsWith('[')) return header.slice(0, header.indexOf(']') + 1);
  const colon = header.lastIndexOf(':');
  return colon === -1 ? header : header.slice(0, colon);
}

/** Loopback mode: refuse requests whose Host is not a loopback name (DNS rebinding). */
export function loopbackHostOnly(): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host') ?? '';
    if (!isLoopbackHost(hostName(host))) return c.text('This bot answers on its loopback address only.', 421);
    await next();
  };
}

/** CSP and the other headers every response carries. */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // vega-embed and vega-tooltip set element styles; styles cannot run code.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: 'same-origin',
  });
}
