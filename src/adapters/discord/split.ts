/**
 * Splitting long text into Discord-sized messages: at paragraph, then line,
 * then word boundaries, never inside a surrogate pair, and with code fences
 * closed at the cut and reopened in the next part so that a table or code
 * block stays monospaced across messages.
 */

const FENCE = '```';
/** Room kept for closing a fence that is open at the cut. */
const FENCE_RESERVE = FENCE.length + 1;

/** The language of a code fence left open in `text` ('' for none), or undefined when every fence is closed. */
function openFence(text: string): string | undefined {
  let open: string | undefined;
  for (const match of text.matchAll(/```([^\s`]*)/g)) {
    // Only a short word is a language tag; anything else is reopened without one (and cannot grow the text).
    const tag = match[1] ?? '';
    open = open === undefined ? (/^[\w+#.-]{1,20}$/.test(tag) ? tag : '') : undefined;
  }
  return open;
}

function cutPoint(window: string): number {
  const floor = Math.floor(window.length * 0.3);
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(separator);
    if (at > floor) return at;
  }
  // No good boundary: cut hard, but not between the halves of a surrogate pair.
  return /[\uD800-\uDBFF]$/.test(window) ? window.length - 1 : window.length;
}

/** Parts of at most `max` characters; joined, they read as the original. */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  if (max < 40) throw new RangeError(`splitText: parts of ${max} characters are too small`);
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max - FENCE_RESERVE);
    const cut = cutPoint(window);
    let part = rest.slice(0, cut).trimEnd();
    rest = rest.slice(cut).replace(/^[ \n]+/, '');
    const fence = openFence(part);
    if (fence !== undefined) {
      part = `${part}\n${FENCE}`;
      rest = `${FENCE}${fence}\n${rest}`;
    }
    if (part.trim() !== '') parts.push(part);
  }
  if (rest.trim() !== '') parts.push(rest);
  return parts;
}
