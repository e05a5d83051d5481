/** The web adapter from configuration; the wiring passes the /prices data provider in (adapters know no feature). */
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import { WebAdapter } from './adapter.js';
import type { DashboardProvider } from './app.js';

export { WebAdapter, WEB_PLATFORM, WEB_CAPABILITIES, type WebAdapterOptions } from './adapter.js';
export type { DashboardProvider } from './app.js';

/** Undefined when `WEB_PORT=off`. */
export function createWebAdapter(config: Config, log: Logger, dashboard?: DashboardProvider, localUser?: string): WebAdapter | undefined {
  if (config.WEB_PORT === 'off') return undefined;
  return new WebAdapter({
    host: config.WEB_HOST,
    port: config.WEB_PORT,
    token: config.WEB_TOKEN,
    maxUploadBytes: config.MAX_ATTACHMENT_BYTES,
    dashboard,
    log: log.child({ platform: 'web' }),
    ...(localUser === undefined ? {} : { localUser }),
  });
}
