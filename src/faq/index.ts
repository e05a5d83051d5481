// The FAQ knowledge base: Markdown documents → sections → a BM25F index
// (jieba for Chinese, stemming for English) → answers with citations, or a
// plain "no answer" with the closest questions. Chat-free: the chat layer
// (src/bot/faq/) keeps it as a service and turns its answers into replies.

export { FaqEngine, loadEngine, type AnswerMode, type AnswerOptions, type EngineOptions, type FaqAnswer, type FaqCitation, type FaqSource } from './engine.js';
export { parseFrontMatter, FrontMatterError } from './frontmatter.js';
export { groundedMessages, llmFromConfig, modelAnswerer, NO_ANSWER, type LlmAnswerer, type Passage } from './llm-answer.js';
export { frontMatterSchema, isKnowledgeFile, LEXICON_FILE, loadKnowledgeBase, parseDocument, type KnowledgeBase } from './loader.js';
export { extractLinks, slugify, splitSections } from './markdown.js';
export { DEFAULT_MIN_CONFIDENCE, rankQuestion, type Ranking, type RankedDoc } from './rank.js';
export { Lexicon, LexiconError } from './lexicon.js';
export { DenseIndex, embeddingsFromConfig } from './dense.js';
export { FaqRetriever, type FaqRetrieverInput, type FaqSectionMetadata } from './retriever.js';
export { DEFAULT_FIELD_WEIGHTS, SearchIndex, type FieldWeights, type IndexOptions, type SearchHit } from './search-index.js';
export { answerAndRecord, type AskContext, type RecordedAnswer } from './recorded-answer.js';
export { FaqStore, questionKey, type Gap, type Downvoted, type VoteResult } from './store.js';
export { trimForChat } from './trim.js';
export { sectionLabel, type KnowledgeDoc, type Lang, type LoadProblem, type ReloadReport, type Section } from './types.js';
