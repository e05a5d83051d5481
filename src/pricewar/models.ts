/**
 * Finding listings from what a user types: an exact model key (`gpt-4o`,
 * `azure/gpt-4o`), or a family (`gpt-4o` also covers `gpt-4o-2024-08-06`,
 * `azure/global/gpt-4o-2024-11-20`, `openrouter/openai/gpt-4o`). Unknown
 * names get close suggestions instead of a bare "not found".
 */
import { ArgumentError } from '../core/errors.js';
import { editDistance } from '../text/edit-distance.js';
import { ParamError } from './errors.js';
import type { Listing } from './prices.js';

// Vendor prefixes that hosting platforms put in front of a model id (Bedrock: `us.anthropic.claude-…`).
const VENDOR_PREFIX_RE = /^(?:(?:us|eu|apac|jp|au|global|us-gov)\.)?(?:anthropic|meta|mistral|amazon|cohere|ai21|deepseek|qwen|openai|writer|google|moonshot|minimax|twelvelabs|stability)\./;
// Date or version stamps at the end of an id: -2024-08-06, -20240620, -0613, @20240229, -v1:0, -latest.
const SUFFIX_RES = [/@[\w.-]*$/, /-v\d+(?::\d+)?$/, /:\d+$/, /-\d{4}-\d{2}-\d{2}$/, /-\d{8}$/, /-\d{4}$/, /-latest$/];

/**
 * The family of a model id: the last path segment, lower-cased, without
 * platform prefixes and date/version suffixes. Fine-tuning listings (`ft:`)
 * keep their prefix so they never mix with the base model's price.
 */
export function modelFamily(model: string): string {
  let s = model.toLowerCase();
  const fineTune = s.startsWith('ft:');
  if (fineTune) s = s.slice(3);
  s = s.split('/').pop() ?? s;
  s = s.replace(VENDOR_PREFIX_RE, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of SUFFIX_RES) {
      const next = s.replace(re, '');
      if (next !== s && next !== '') {
        s = next;
        changed = true;
      }
    }
  }
  return fineTune ? `ft:${s}` : s;
}

export interface ModelMatch {
  /** How the query matched: one exact key (possibly under several providers) or a family. */
  readonly mode: 'key' | 'family';
  readonly query: string;
  readonly listings: readonly Listing[];
}

export interface ModelIndex {
  readonly listings: readonly Listing[];
  readonly byFamily: ReadonlyMap<string, readonly Listing[]>;
  readonly providers: readonly string[];
}

export function buildModelIndex(listings: Iterable<Listing>): ModelIndex {
  const all = [...listings];
  const byFamily = new Map<string, Listing[]>();
  for (const l of all) {
    const list = byFamily.get(l.family) ?? [];
    list.push(l);
    byFamily.set(l.family, list);
  }
  const providers = [...new Set(all.map((l) => l.provider))].sort();
  return { listings: all, byFamily, providers };
}

/** Providers matching a provider query (exact, else prefix: `vertex_ai` covers `vertex_ai-anthropic_models`). */
export function matchProviders(index: ModelIndex, provider: string): string[] {
  const p = provider.trim().toLowerCase();
  const exact = index.providers.filter((x) => x.toLowerCase() === p);
  if (exact.length > 0) return exact;
  return index.providers.filter((x) => x.toLowerCase().startsWith(p));
}

export function requireProviders(index: ModelIndex, provider: string): Set<string> {
  const found = matchProviders(index, provider);
  if (found.length === 0) {
    throw new ArgumentError(`Unknown provider "${provider}".${suggestionText(provider, index.providers)} Providers are LiteLLM's labels, e.g. openai, anthropic, deepseek, azure, bedrock, vertex_ai, dashscope, gemini.`);
  }
  return new Set(found);
}

/**
 * Resolve a model query. Precedence: family (covers the exact key and its
 * dated snapshots and re-listings), then an exact model id or last path
 * segment (for a dated id such as `gpt-4o-2024-08-06`). Throws an
 * ArgumentError with suggestions when nothing matches.
 */
export function resolveModel(index: ModelIndex, query: string, providers?: ReadonlySet<string>): ModelMatch {
  const q = query.trim().toLowerCase();
  const inScope = (l: Listing): boolean => providers === undefined || providers.has(l.provider);
  const family = (index.byFamily.get(q) ?? []).filter(inScope);
  if (family.length > 0) return { mode: 'family', query, listings: family };
  const exact = index.listings.filter((l) => inScope(l) && (l.model.toLowerCase() === q || l.key.toLowerCase() === q || (l.model.toLowerCase().split('/').pop() ?? '') === q));
  if (exact.length > 0) return { mode: 'key', query, listings: exact };
  const anywhere = index.listings.some((l) => l.model.toLowerCase() === q || l.family === q);
  if (anywhere && providers !== undefined) {
    throw new ParamError(['provider'], (name) => `"${query}" is listed, but not by the provider(s) you chose (${[...providers].join(', ')}). Drop ${name('provider')} or pick another.`);
  }
  const names = [...index.byFamily.keys()];
  throw new ArgumentError(`Unknown model "${query}".${suggestionText(q, names)} A model is a LiteLLM model id (e.g. gpt-4o, claude-3-5-sonnet-20240620, deepseek-chat) or its family without a date suffix.`);
}

/** " Did you mean: a, b, c?" or "". */
export function suggestionText(query: string, candidates: readonly string[], max = 5): string {
  const found = closeMatches(query, candidates, max);
  return found.length === 0 ? '' : ` Did you mean: ${found.join(', ')}?`;
}

/**
 * Close names: those containing the query (shortest first), then the
 * nearest by edit distance, dropping ones too far away to be a typo.
 */
export function closeMatches(query: string, candidates: readonly string[], max = 5): string[] {
  const q = query.toLowerCase();
  if (q === '') return [];
  const unique = [...new Set(candidates)];
  const containing = unique.filter((c) => c.toLowerCase().includes(q)).sort((a, b) => a.length - b.length || a.localeCompare(b));
  const limit = Math.max(2, Math.floor(q.length / 3));
  const near = unique
    .filter((c) => !c.toLowerCase().includes(q) && Math.abs(c.length - q.length) <= limit)
    .map((c) => ({ c, d: editDistance(q, c.toLowerCase()) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .map((x) => x.c);
  return [...near.slice(0, 3), ...containing].filter((c, i, all) => all.indexOf(c) === i).slice(0, max);
}
