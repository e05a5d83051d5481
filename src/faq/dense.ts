// Optional dense retrieval: section embeddings from a configured provider
// (EMBEDDINGS_PROVIDER: an OpenAI-compatible server or Ollama, through
// langchain's OpenAIEmbeddings / OllamaEmbeddings), cosine similarity to the
// question's embedding, and a ranking of documents that ./rank.ts fuses
// with the lexical one (reciprocal-rank fusion).
//
// Dense retrieval only reorders: whether to answer at all is still decided
// by the lexical confidence (./coverage.ts), because a nearest neighbour
// always exists, even for "What is the best running shoe?".
//
// Section vectors are cached on disk, keyed by a hash of the model and the
// text, so a restart (or a reload that changed one file) embeds only what is
// new. A provider that cannot be reached leaves the FAQ lexical: one
// warning, not one per question.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Config } from '../config.js';
// The embeddings clients load only when EMBEDDINGS_PROVIDER is set (see providers.ts).
import { ollamaProvider, openAiProvider } from '../llm/providers.js';
import { indexableText } from './markdown.js';
import type { Section } from './types.js';

/** Characters of a section sent to the embedding model (titles first). */
const MAX_EMBED_CHARS = 2000;
/** Sections per embedding request. */
const BATCH_SIZE = 64;

export interface DenseOptions {
  readonly embeddings: EmbeddingsInterface;
  /** `provider/model`: part of the cache key (vectors of two models never mix). */
  readonly name: string;
  /** JSON file of cached vectors; none: no cache. */
  readonly cacheFile?: string;
  /** Called once, the first time the provider fails (then dense retrieval is skipped quietly). */
  readonly onUnavailable?: (error: unknown) => void;
}

export interface DenseHit {
  readonly section: Section;
  readonly similarity: number;
}

type VectorCache = Record<string, number[]>;

function textOf(section: Section): string {
  return `${section.titlePath.join(' › ')}\n${indexableText(section.body)}`.slice(0, MAX_EMBED_CHARS);
}

function cacheKey(name: string, text: string): string {
  return createHash('sha256').update(name).update('\0').update(text).digest('hex');
}

async function readCache(file: string | undefined): Promise<VectorCache> {
  if (file === undefined) return {};
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as VectorCache) : {};
  } catch {
    return {}; // missing or damaged: embed again
  }
}

/** Written to a temporary file and renamed, so a crash never leaves half a cache. */
async function writeCache(file: string, cache: VectorCache): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(cache));
  await rename(tmp, file);
}

function normalise(v: readonly number[]): Float32Array {
  const out = Float32Array.from(v);
  let norm = 0;
  for (const x of out) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}

export class DenseIndex {
  private warned = false;
  /** Questions answered without dense retrieval because the provider failed. */
  failures = 0;

  private constructor(
    private readonly options: DenseOptions,
    readonly sections: readonly Section[],
    private readonly vectors: readonly Float32Array[],
    /** Sections embedded by this build (0 when every vector came from the cache). */
    readonly embedded: number,
  ) {}

  /**
   * Embed every section (cached vectors are reused). Returns undefined, after
   * one call to `onUnavailable`, when the provider cannot be reached.
   */
  static async build(sections: readonly Section[], options: DenseOptions): Promise<DenseIndex | undefined> {
    const cache = await readCache(options.cacheFile);
    const texts = sections.map(textOf);
    const keys = texts.map((t) => cacheKey(options.name, t));
    const missing = keys.flatMap((k, i) => (cache[k] === undefined ? [i] : []));
    try {
      for (let start = 0; start < missing.length; start += BATCH_SIZE) {
        const batch = missing.slice(start, start + BATCH_SIZE);
        const vectors = await options.embeddings.embedDocuments(batch.map((i) => texts[i]!));
        batch.forEach((i, j) => {
          const v = vectors[j];
          if (v === undefined || v.length === 0) throw new Error(`the provider returned no vector for section ${sections[i]!.id}`);
          cache[keys[i]!] = v;
        });
      }
    } catch (error) {
      options.onUnavailable?.(error);
      return undefined;
    }
    if (missing.length > 0 && options.cacheFile !== undefined) {
      // Keep only this knowledge base's vectors: the cache does not grow with every edit.
      const kept: VectorCache = {};
      for (const k of keys) kept[k] = cache[k]!;
      await writeCache(options.cacheFile, kept);
    }
    return new DenseIndex(options, sections, keys.map((k) => normalise(cache[k]!)), missing.length);
  }

  /** Sections by cosine similarity to the question, best first; undefined when the provider fails. */
  async search(question: string, filter?: (s: Section) => boolean, limit = 20): Promise<DenseHit[] | undefined> {
    let q: Float32Array;
    try {
      q = normalise(await this.options.embeddings.embedQuery(question));
    } catch (error) {
      this.failures++;
      if (!this.warned) {
        this.warned = true;
        this.options.onUnavailable?.(error);
      }
      return undefined;
    }
    const hits: DenseHit[] = [];
    this.vectors.forEach((v, i) => {
      const section = this.sections[i]!;
      if (filter !== undefined && !filter(section)) return;
      let dot = 0;
      const n = Math.min(v.length, q.length);
      for (let j = 0; j < n; j++) dot += v[j]! * q[j]!;
      hits.push({ section, similarity: dot });
    });
    return hits.sort((a, b) => b.similarity - a.similarity).slice(0, limit);
  }
}

export interface EmbeddingsSetup {
  readonly embeddings?: EmbeddingsInterface;
  /** `provider/model`. */
  readonly name?: string;
  /** Why there are none although a provider is set. */
  readonly disabled?: string;
}

/** The embeddings client EMBEDDINGS_* asks for (no network call is made here). */
export function embeddingsFromConfig(config: Config): EmbeddingsSetup {
  const provider = config.EMBEDDINGS_PROVIDER;
  if (provider === undefined) return {};
  const model = config.EMBEDDINGS_MODEL;
  if (model === undefined) return { disabled: 'EMBEDDINGS_MODEL is not set' };
  const timeout = config.EMBEDDINGS_TIMEOUT_MS;
  const name = `${provider}/${model}`;
  if (provider === 'openai') {
    return {
      name,
      embeddings: new (openAiProvider().OpenAIEmbeddings)({
        model,
        apiKey: config.OPENAI_API_KEY ?? 'not-needed',
        timeout,
        maxRetries: 0,
        batchSize: BATCH_SIZE,
        ...(config.OPENAI_BASE_URL !== undefined ? { configuration: { baseURL: config.OPENAI_BASE_URL } } : {}),
      }),
    };
  }
  return { name, embeddings: new (ollamaProvider().OllamaEmbeddings)({ model, ...(config.OLLAMA_BASE_URL !== undefined ? { baseUrl: config.OLLAMA_BASE_URL } : {}) }) };
}
