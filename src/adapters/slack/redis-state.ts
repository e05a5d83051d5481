/**
 * The Slack adapter's state in Redis (REDIS_URL), shared by every bot
 * replica that serves one Slack app: an event, a retry, a slash command or a
 * click is claimed with one atomic `SET key NX PX ttl`, so whichever replica
 * Slack (or the load balancer) hands it to, it runs once across all of them;
 * a thread answered by one replica is known to all for follow-ups. Same TTLs
 * as the SQLite store.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { SEEN_TTL_MS, THREAD_TTL_MS, type SlackState } from './state.js';

const PREFIX = 'pwbot:slack';

export class RedisSlackState implements SlackState {
  private readonly redis: Redis;

  constructor(url: string, log: Logger) {
    // Reconnects for ever; a command waits while Redis restarts instead of failing.
    this.redis = new Redis(url, { maxRetriesPerRequest: null });
    this.redis.on('error', (error) => log.warn({ err: error.message }, 'slack state: redis connection error (reconnecting)'));
  }

  async claim(key: string): Promise<boolean> {
    return (await this.redis.set(`${PREFIX}:seen:${key}`, '1', 'PX', SEEN_TTL_MS, 'NX')) === 'OK';
  }

  async rememberThread(channel: string, threadTs: string): Promise<void> {
    await this.redis.set(`${PREFIX}:thread:${channel}:${threadTs}`, '1', 'PX', THREAD_TTL_MS);
  }

  async isAnsweredThread(channel: string, threadTs: string): Promise<boolean> {
    return (await this.redis.exists(`${PREFIX}:thread:${channel}:${threadTs}`)) === 1;
  }

  close(): void {
    this.redis.disconnect();
  }
}
