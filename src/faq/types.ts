// Plain data shared by the FAQ modules. Nothing here knows about chat
// platforms: the chat layer (src/bot/faq/presenter.ts) turns it into Replies.

export type Lang = 'zh' | 'en';

/** One knowledge document (one Markdown file in KNOWLEDGE_DIR). */
export interface KnowledgeDoc {
  /** Topic id from the front matter, shared by the Chinese and English versions of a topic. */
  readonly id: string;
  readonly title: string;
  readonly lang: Lang;
  readonly tags: readonly string[];
  /** Typical phrasings people ask; indexed as their own field. */
  readonly questions: readonly string[];
  /** File name relative to the knowledge directory. */
  readonly file: string;
  readonly sections: readonly Section[];
}

/** A retrievable unit: the text under one heading. */
export interface Section {
  /** Stable id: `<docId>.<lang>#<anchor>`. */
  readonly id: string;
  readonly docId: string;
  readonly lang: Lang;
  readonly docTitle: string;
  /** The heading's text (the document title for text before the first heading). */
  readonly heading: string;
  /** Document title, then each enclosing heading, ending with this section's heading. */
  readonly titlePath: readonly string[];
  /** Explicit `{#anchor}` on the heading, else a GitHub-style slug of it. */
  readonly anchor: string;
  /** Markdown body, without the heading line. */
  readonly body: string;
  readonly file: string;
  /** 0-based position of the section in its document. */
  readonly order: number;
  /** The document's `questions:` (sections of one document share them). */
  readonly questions: readonly string[];
  /** Those of `questions` pinned to this section with `{#anchor}` (./loader.ts); the others are placed by ./assign-questions.ts. */
  readonly pinnedQuestions?: readonly string[];
  readonly tags: readonly string[];
}

/** A document that could not be loaded, and why. */
export interface LoadProblem {
  readonly file: string;
  readonly message: string;
}

/** What a reload of the knowledge directory found, and how long it took. */
export interface ReloadReport {
  readonly docs: number;
  readonly sections: number;
  readonly problems: readonly LoadProblem[];
  readonly ms: number;
}

/** "Document title › Section" as shown in citations. */
export function sectionLabel(section: Pick<Section, 'titlePath'>): string {
  return section.titlePath.join(' › ');
}
