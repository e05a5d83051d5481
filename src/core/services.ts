/**
 * Long-lived feature state (the FAQ index, the training queue, the price data)
 * lives in services, created lazily on first use and disposed on shutdown.
 * Feature modules declare their own key with `defineService`; the core never
 * names a feature, and commands stay plain functions of (ctx, args).
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { ChatAdapter } from './adapter.js';
import type { Conversation } from './message.js';
import type { MessageRef, Reply, ReplyHandle } from './reply.js';

/** What a service factory may use: configuration, logging, other services, and the way out to chats. */
export interface ServiceDeps {
  readonly config: Config;
  readonly log: Logger;
  readonly services: ServiceContainer;
  readonly outbox: Outbox;
}

/** Posting to conversations without a message to answer (job results, schedules). */
export interface Outbox {
  post(to: Conversation, reply: Reply): Promise<ReplyHandle>;
  /** Edit a message by its stored ref (see `ChatAdapter.update`). */
  update(ref: MessageRef, reply: Reply): Promise<void>;
  adapter(platform: string): ChatAdapter | undefined;
  adapters(): readonly ChatAdapter[];
}

export interface ServiceKey<T> {
  readonly name: string;
  readonly create: (deps: ServiceDeps) => T | Promise<T>;
  readonly dispose?: (service: T) => void | Promise<void>;
}

export function defineService<T>(
  name: string,
  create: (deps: ServiceDeps) => T | Promise<T>,
  dispose?: (service: T) => void | Promise<void>,
): ServiceKey<T> {
  return dispose === undefined ? { name, create } : { name, create, dispose };
}

export class ServiceContainer {
  private readonly instances = new Map<ServiceKey<unknown>, Promise<unknown>>();
  private deps: ServiceDeps | undefined;

  /** Called once by the bot; kept separate so that deps can refer back to this container. */
  bind(deps: Omit<ServiceDeps, 'services'>): void {
    this.deps = { ...deps, services: this };
  }

  get<T>(key: ServiceKey<T>): Promise<T> {
    let instance = this.instances.get(key as ServiceKey<unknown>);
    if (instance === undefined) {
      const deps = this.deps;
      if (deps === undefined) throw new Error(`service ${key.name} requested before the container was bound`);
      instance = Promise.resolve().then(() => key.create(deps));
      // A failed creation must not be cached, or one transient error would stick forever.
      instance.catch(() => this.instances.delete(key as ServiceKey<unknown>));
      this.instances.set(key as ServiceKey<unknown>, instance);
    }
    return instance as Promise<T>;
  }

  /** Only services already created, e.g. to find running jobs at shutdown. */
  has(key: ServiceKey<unknown>): boolean {
    return this.instances.has(key);
  }

  /** Dispose in reverse creation order; one failing dispose does not stop the others. */
  async disposeAll(log?: Logger): Promise<void> {
    const entries = [...this.instances.entries()].reverse();
    this.instances.clear();
    for (const [key, instance] of entries) {
      try {
        const service = await instance;
        await key.dispose?.(service);
      } catch (error) {
        log?.warn({ err: error, service: key.name }, 'service dispose failed');
      }
    }
  }
}
