/**
 * vega-lite (loaded by the chart module) defines `Set.prototype.toJSON` when it
 * is imported, and discord.js's event emitter dependency
 * (@vladfrangu/async_event_emitter, which bundles node-inspect-extracted) then
 * fails while loading: `string "Set()" is not iterable`. `npm start` loads the
 * commands (and so vega-lite) before the Discord adapter, so ./discord-js.ts
 * hides the property while discord.js loads and puts it back right after.
 */
const saved = Object.getOwnPropertyDescriptor(Set.prototype, 'toJSON');
if (saved !== undefined) delete (Set.prototype as { toJSON?: unknown }).toJSON;

export function restoreSetToJSON(): void {
  if (saved !== undefined && Object.getOwnPropertyDescriptor(Set.prototype, 'toJSON') === undefined) Object.defineProperty(Set.prototype, 'toJSON', saved);
}
