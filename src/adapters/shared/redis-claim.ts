/**
 * "Run this once across every bot replica": a key claimed with one atomic
 * `SET key NX PX ttl` in Redis (REDIS_URL). Adapters use it for deliveries
 * that reach every replica (a Discord gateway event when several processes
 * log in with one token); a Redis that does not answer lets the delivery run
 * here rather than lose it.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface SharedClaims {
  claim(key: string): Promise<boolean>;
  close(): void;
}

export function redisClaims(url: string, prefix: string, ttlMs: number, log: Logger): SharedClaims {
  const redis = new Redis(url, { maxRetriesPerRequest: 2 });
  redis.on('error', (error) => log.warn({ err: error.message }, 'shared claims: redis connection error (reconnecting)'));
  return {
    async claim(key) {
      try {
        return (await redis.set(`${prefix}:${key}`, '1', 'PX', ttlMs, 'NX')) === 'OK';
      } catch (error) {
        log.warn({ err: (error as Error).message, key }, 'shared claims: redis did not answer; handling the delivery here');
        return true;
      }
    },
    close: () => redis.disconnect(),
  };
}
