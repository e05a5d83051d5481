// The FAQ's retrieval as a langchain retriever, so it composes with
// langchain chains (`retriever.pipe(...)`, RunnableSequence, RAG helpers)
// like any vector-store retriever. Documents come back best first, one per
// section, with the ranking's scores in their metadata.

import type { CallbackManagerForRetrieverRun } from '@langchain/core/callbacks/manager';
import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import type { FaqEngine } from './engine.js';
import { sectionLabel } from './types.js';

export interface FaqSectionMetadata {
  readonly id: string;
  readonly docId: string;
  readonly lang: string;
  /** "Document title › Section". */
  readonly title: string;
  readonly titlePath: readonly string[];
  readonly anchor: string;
  readonly file: string;
  /** BM25F score for this query. */
  readonly score: number;
  /** Share of the query this section covers, 0–1. */
  readonly coverage: number;
  /** Whether the FAQ would answer this query confidently (same for every document of one query). */
  readonly confident: boolean;
}

export interface FaqRetrieverInput extends BaseRetrieverInput {
  /** The engine, or a function returning the current one (so reloads are picked up). */
  readonly engine: FaqEngine | (() => FaqEngine);
  /** Documents returned (default 4). */
  readonly k?: number;
}

export class FaqRetriever extends BaseRetriever<FaqSectionMetadata> {
  static override lc_name(): string {
    return 'FaqRetriever';
  }

  override lc_namespace = ['pricewar_bot', 'faq', 'retrievers'];

  private readonly engineSource: FaqEngine | (() => FaqEngine);
  readonly k: number;

  constructor(fields: FaqRetrieverInput) {
    super(fields);
    this.engineSource = fields.engine;
    this.k = fields.k ?? 4;
  }

  override async _getRelevantDocuments(query: string, _runManager?: CallbackManagerForRetrieverRun): Promise<Document<FaqSectionMetadata>[]> {
    const engine = typeof this.engineSource === 'function' ? this.engineSource() : this.engineSource;
    const ranking = await engine.rankFused(query);
    // Documents in ranking order, each contributing its sections best first.
    const hits = ranking.docs.flatMap((d) => d.hits).slice(0, this.k);
    return hits.map(
      (hit) =>
        new Document<FaqSectionMetadata>({
          id: hit.section.id,
          pageContent: hit.section.body,
          metadata: {
            id: hit.section.id,
            docId: hit.section.docId,
            lang: hit.section.lang,
            title: sectionLabel(hit.section),
            titlePath: hit.section.titlePath,
            anchor: hit.section.anchor,
            file: hit.section.file,
            score: hit.score,
            coverage: hit.coverage,
            confident: ranking.confident,
          },
        }),
    );
  }
}
