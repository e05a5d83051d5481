// What a search of the index returns (./search-index.ts): the question's
// terms and units, and the sections it matched with how much of the
// question each explains.

import type { WeightedUnit } from './coverage.js';
import type { Section } from './types.js';

export interface QueryTerm {
  readonly term: string;
  readonly idf: number;
}

export interface SearchHit {
  readonly section: Section;
  /** BM25F score (unbounded, only comparable within one query). */
  readonly score: number;
  /** Weighted share of the question's units this section's own text explains (headings, its questions, body), 0–1. */
  readonly coverage: number;
  /** The same within the section's best two-sentence window (plus its title and questions), 0–1. */
  readonly windowCoverage: number;
  readonly matched: readonly string[];
}

export interface SearchResult {
  readonly terms: readonly QueryTerm[];
  readonly units: readonly WeightedUnit[];
  readonly hits: readonly SearchHit[];
}
