import { ConfigError } from '../config.js';

/**
 * REDIS_URL is set but Redis does not answer: the entry points print it as
 * one line. Kept apart from the BullMQ code so that a caller can recognise it
 * without loading the Redis clients.
 */
export class RedisUnreachableError extends ConfigError {}
