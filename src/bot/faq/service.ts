// The FAQ as a long-lived service: the current engine (knowledge base and
// index), the answer store, the optional LLM, and a watcher that reloads the
// knowledge directory when a file in it changes. Flows get it with
// `ctx.services.get(faqService)`. The answering itself is src/faq's.

import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../../config.js';
import { defineService } from '../../core/services.js';
import { loadEngine, type FaqEngine } from '../../faq/engine.js';
import { llmFromConfig, type LlmAnswerer } from '../../faq/llm-answer.js';
import { isKnowledgeFile, LEXICON_FILE, type KnowledgeBase } from '../../faq/loader.js';
import { DenseIndex, embeddingsFromConfig } from '../../faq/dense.js';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { answerAndRecord, type AskContext, type RecordedAnswer } from '../../faq/recorded-answer.js';
import { FaqStore, type FaqRecords } from '../../faq/store.js';
import type { ReloadReport } from '../../faq/types.js';

/** Editors write a file in several steps (truncate, write, rename): wait for the burst to end. */
const RELOAD_DEBOUNCE_MS = 250;

export interface FaqServiceOptions {
  readonly knowledgeDir: string;
  /** SQLite file, or ':memory:'. */
  readonly dbFile: string;
  readonly log: Logger;
  readonly minConfidence?: number;
  readonly llm?: LlmAnswerer;
  /** Why there is no LLM (shown by `/faq` status); absent when none was configured. */
  readonly llmDisabled?: string;
  /** Reload when files change (default true). */
  readonly watch?: boolean;
  /**
   * Dense retrieval: the embeddings client, its `provider/model` name, the
   * vector cache file, and whether the provider's failure was already logged
   * (one warning per process, not one per question or reload).
   */
  readonly embeddings?: { readonly client: EmbeddingsInterface; readonly name: string; readonly cacheFile: string; readonly state: { warned: boolean } };
  /** With REDIS_URL: answers and votes in Redis, shared by every bot replica (src/faq/redis-store.ts). */
  readonly redisUrl?: string;
}

/** What `/faq` alone shows: the knowledge base as loaded, and how answers are made. */
export interface FaqStatus {
  readonly kb: KnowledgeBase;
  readonly watching: boolean;
  readonly llmName: string | undefined;
  readonly llmDisabled: string | undefined;
  readonly minConfidence: number;
}

export class FaqService {
  private current: FaqEngine;
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<ReloadReport> | undefined;
  private disposed = false;

  private constructor(
    private readonly options: FaqServiceOptions,
    engine: FaqEngine,
    readonly store: FaqStore,
    /** Where answers and votes are recorded and read: `store`, or Redis shared by replicas. */
    readonly records: FaqRecords = store,
  ) {
    this.current = engine;
  }

  static async create(options: FaqServiceOptions): Promise<FaqService> {
    const engine = await FaqService.build(options);
    const store = FaqStore.open(options.dbFile);
    let records: FaqRecords = store;
    if (options.redisUrl !== undefined) {
      try {
        // ioredis loads only with REDIS_URL.
        const { RedisFaqStore } = await import('../../faq/redis-store.js');
        records = await RedisFaqStore.open(options.redisUrl);
      } catch (error) {
        store.close();
        throw error;
      }
    }
    const service = new FaqService(options, engine, store, records);
    service.report(engine, 0);
    if (options.watch ?? true) service.startWatching();
    return service;
  }

  private static async build(options: FaqServiceOptions): Promise<FaqEngine> {
    const engine = await loadEngine(options.knowledgeDir, options.minConfidence === undefined ? {} : { minConfidence: options.minConfidence });
    const setup = options.embeddings;
    if (setup !== undefined) {
      // The FAQ keeps answering lexically when the provider cannot be reached.
      const onUnavailable = (error: unknown) => {
        const fields = { provider: setup.name, reason: error instanceof Error ? error.message : String(error) };
        if (setup.state.warned) options.log.debug(fields, 'embeddings provider still unavailable');
        else options.log.warn(fields, 'embeddings provider unavailable: FAQ answers use lexical retrieval only');
        setup.state.warned = true;
      };
      engine.dense = await DenseIndex.build(engine.kb.sections, { embeddings: setup.client, name: setup.name, cacheFile: setup.cacheFile, onUnavailable });
      if (engine.dense !== undefined) options.log.info({ provider: setup.name, sections: engine.kb.sections.length, embedded: engine.dense.embedded }, 'dense retrieval ready');
    }
    return engine;
  }

  get engine(): FaqEngine {
    return this.current;
  }

  get llmName(): string | undefined {
    return this.options.llm?.name;
  }

  get llmDisabled(): string | undefined {
    return this.options.llmDisabled;
  }

  get watching(): boolean {
    return this.watcher !== undefined;
  }

  status(): FaqStatus {
    return { kb: this.current.kb, watching: this.watching, llmName: this.llmName, llmDisabled: this.llmDisabled, minConfidence: this.current.minConfidence };
  }

  /** Answer and record the answer; the id is what 👍/👎 refer to. */
  ask(question: string, who: AskContext): Promise<RecordedAnswer> {
    return answerAndRecord(this.current, this.records, question, who, this.options.llm);
  }

  /**
   * Re-read the knowledge directory and swap the index in one step (questions
   * asked meanwhile use the old one). Concurrent calls share one reload.
   */
  reload(): Promise<ReloadReport> {
    if (this.reloading !== undefined) return this.reloading;
    const started = performance.now();
    this.reloading = FaqService.build(this.options)
      .then((engine) => {
        if (!this.disposed) this.current = engine;
        const ms = Math.round(performance.now() - started);
        this.report(engine, ms);
        return { docs: engine.kb.docs.length, sections: engine.kb.sections.length, problems: engine.kb.problems, ms };
      })
      .finally(() => {
        this.reloading = undefined;
      });
    return this.reloading;
  }

  private report(engine: FaqEngine, ms: number): void {
    const { kb } = engine;
    for (const p of kb.problems) this.options.log.warn({ file: join(kb.dir, p.file), problem: p.message }, 'knowledge document skipped');
    this.options.log.info({ dir: kb.dir, docs: kb.docs.length, sections: kb.sections.length, skipped: kb.problems.length, ms }, 'knowledge base loaded');
  }

  private startWatching(): void {
    try {
      // persistent: false — the watcher alone must never keep the process
      // alive (a one-shot run exits right after its reply).
      this.watcher = watch(this.options.knowledgeDir, { persistent: false }, (_event, filename) => {
        if (filename !== null && !isKnowledgeFile(filename.toString()) && filename.toString() !== LEXICON_FILE) return;
        this.scheduleReload();
      });
      this.watcher.on('error', (error) => {
        this.options.log.warn({ err: error, dir: this.options.knowledgeDir }, 'knowledge directory watcher stopped; use /faq reload');
        this.stopWatching();
      });
    } catch (error) {
      this.options.log.warn({ err: error, dir: this.options.knowledgeDir }, 'cannot watch the knowledge directory; use /faq reload after editing');
    }
  }

  private scheduleReload(): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.reload().catch((error: unknown) => this.options.log.error({ err: error }, 'knowledge reload failed'));
    }, RELOAD_DEBOUNCE_MS);
    this.timer.unref();
  }

  private stopWatching(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.timer);
    this.stopWatching();
    await this.reloading?.catch(() => undefined);
    this.store.close();
    if (this.records !== this.store) this.records.close();
  }
}

export function faqOptionsFromConfig(config: Config, log: Logger): FaqServiceOptions {
  const llm = llmFromConfig(config);
  const dense = embeddingsFromConfig(config);
  if (dense.disabled !== undefined) log.warn({ reason: dense.disabled }, 'FAQ answers without dense retrieval');
  if (llm.answerer === undefined && config.LLM_PROVIDER !== undefined) log.warn({ reason: llm.disabled }, 'FAQ answers without an LLM');
  return {
    knowledgeDir: config.KNOWLEDGE_DIR,
    dbFile: join(config.DATA_DIR, 'faq.sqlite'),
    log,
    ...(config.REDIS_URL === undefined ? {} : { redisUrl: config.REDIS_URL }),
    ...(config.FAQ_MIN_SCORE !== undefined ? { minConfidence: config.FAQ_MIN_SCORE } : {}),
    ...(llm.answerer !== undefined ? { llm: llm.answerer } : config.LLM_PROVIDER !== undefined ? { llmDisabled: llm.disabled } : {}),
    ...(dense.embeddings !== undefined && dense.name !== undefined
      ? { embeddings: { client: dense.embeddings, name: dense.name, cacheFile: join(config.DATA_DIR, 'faq-embeddings.json'), state: { warned: false } } }
      : {}),
  };
}

export const faqService = defineService(
  'faq',
  ({ config, log }) => FaqService.create(faqOptionsFromConfig(config, log.child({ module: 'faq' }))),
  (service) => service.dispose(),
);
