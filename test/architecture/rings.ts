/**
 * The rule ARCHITECTURE.md states, as code: which folder may import which.
 * `ringOf` names the ring a file belongs to; `forbiddenEdge` says why an
 * import crosses a forbidden edge, or returns undefined when it is allowed.
 */

export const FEATURES = ['faq', 'pricewar', 'training', 'summary'] as const;
/** Plain utilities every ring may use: no chat, no feature. */
export const SHARED = ['src/text/', 'src/csv/', 'src/random/', 'src/storage/', 'src/llm/', 'src/charts/', 'src/config.ts', 'src/logging.ts', 'src/paths.ts'] as const;
/** The chart renderer: adapters draw specs with it; features only build specs. */
export const CHART_RENDERER = 'src/charts/index.ts';

export type Ring =
  | { kind: 'core' }
  | { kind: 'shared' }
  | { kind: 'feature'; name: string }
  | { kind: 'chat'; name: string }
  | { kind: 'adapter'; name: string }
  | { kind: 'commands' }
  | { kind: 'wiring' }
  | { kind: 'other' };

export function ringOf(path: string): Ring {
  if (path.startsWith('src/core/')) return { kind: 'core' };
  if (SHARED.some((s) => path === s || path.startsWith(s))) return { kind: 'shared' };
  const feature = /^src\/([^/]+)\//.exec(path)?.[1];
  if (feature !== undefined && (FEATURES as readonly string[]).includes(feature)) return { kind: 'feature', name: feature };
  const chat = /^src\/bot\/([^/]+)\//.exec(path)?.[1];
  if (chat !== undefined) return { kind: 'chat', name: chat };
  const adapter = /^src\/adapters\/([^/]+)\//.exec(path)?.[1];
  if (adapter !== undefined) return { kind: 'adapter', name: adapter };
  if (path === 'src/adapters/index.ts') return { kind: 'wiring' };
  if (path.startsWith('commands/')) return { kind: 'commands' };
  if (path === 'src/app.ts' || path === 'src/main.ts' || path.startsWith('src/entry/')) return { kind: 'wiring' };
  return { kind: 'other' };
}

const CORE_ERRORS = 'src/core/errors.ts';

/** Why `from` may not import `to`, or undefined when the edge is allowed. */
export function forbiddenEdge(from: string, to: string): string | undefined {
  const a = ringOf(from);
  const b = ringOf(to);
  switch (a.kind) {
    case 'wiring':
      return undefined;
    case 'core':
      // The core knows no platform and no feature: itself, and the text helpers, configuration and logging.
      if (b.kind === 'core') return undefined;
      if (to.startsWith('src/text/') || to === 'src/config.ts' || to === 'src/logging.ts') return undefined;
      return 'src/core/ knows no platform, no feature and no chat layer';
    case 'shared':
      if (b.kind === 'shared' || to === CORE_ERRORS) return undefined;
      return 'shared utilities import only each other and core\'s error types';
    case 'feature':
      if (b.kind === 'feature' && b.name === a.name) return undefined;
      if (to === CORE_ERRORS) return undefined;
      if (b.kind === 'shared') return to === CHART_RENDERER ? 'a feature builds chart specs; adapters render them' : undefined;
      if (b.kind === 'feature') return `a feature does not import another feature (${a.name} → ${b.name}); go through the chat layer`;
      if (b.kind === 'core') return 'a pure feature imports only src/core/errors.ts from the core (no Reply, Outbox, ChatAdapter, services)';
      return `a pure feature knows nothing of chat (${b.kind})`;
    case 'chat':
      if (b.kind === 'core' || b.kind === 'shared' || b.kind === 'chat') return undefined;
      if (b.kind === 'feature') return b.name === a.name ? undefined : `the ${a.name} chat layer reads ${b.name} through src/bot/${b.name}/, not its feature code`;
      return `a chat layer does not import ${b.kind} code`;
    case 'adapter':
      if (b.kind === 'core') return undefined;
      if (b.kind === 'shared') return undefined;
      if (b.kind === 'adapter' && (b.name === a.name || b.name === 'shared')) return undefined;
      if (b.kind === 'adapter') return `adapters share code through src/adapters/shared/, not each other (${a.name} → ${b.name})`;
      return `an adapter only translates: it does not import ${b.kind === 'wiring' ? 'the app wiring' : b.kind} code`;
    case 'commands':
      if (b.kind === 'core' || b.kind === 'chat') return undefined;
      if (b.kind === 'commands') return 'a command does not import another command; share through src/bot/';
      return `commands are thin: arguments, preconditions, one call into src/bot/ (not ${b.kind})`;
    case 'other':
      return `${from} is in no ring: add it to ARCHITECTURE.md and test/architecture/rings.ts`;
  }
}

/** Platform names as string literals: only adapters and the wiring may branch on them. */
export const PLATFORM_LITERAL = /(['"`])(slack|discord|console|cli|web)\1/g;

export function mayNamePlatforms(path: string): boolean {
  const ring = ringOf(path);
  return ring.kind === 'adapter' || ring.kind === 'wiring' || path === 'src/config.ts';
}
