// Types for bin/load-entry.js (plain JavaScript: the bins run before anything is compiled).

/** Whether dist/ was built after the last edit of any source under src/ and commands/. */
export function builtIsCurrent(): boolean;

/** Imports one of the bot's entry modules ('entry/cli', 'main', 'entry/worker'): the build when current, else the sources. */
export function loadEntry(name: string): Promise<unknown>;
