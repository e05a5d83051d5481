/**
 * Reply actions as Discord buttons. A button's custom id carries the chat line
 * it runs (`pw:/faq feedback 12 up`), so a click works even after a restart.
 * Discord caps custom ids at 100 characters; a longer line is kept in memory
 * under a short key, and a click after a restart says the button expired.
 */
import { createHash } from 'node:crypto';

const INLINE = 'pw:';
const STORED = 'pw#';
const CUSTOM_ID_MAX = 100;
const STORED_MAX = 5_000;

export class ActionIds {
  private readonly stored = new Map<string, string>();

  encode(command: string): string {
    const inline = `${INLINE}${command}`;
    if (inline.length <= CUSTOM_ID_MAX) return inline;
    const key = `${STORED}${createHash('sha256').update(command).digest('base64url').slice(0, 22)}`;
    this.stored.delete(key);
    this.stored.set(key, command);
    if (this.stored.size > STORED_MAX) this.stored.delete(this.stored.keys().next().value as string);
    return key;
  }

  /** The chat line behind a custom id; `expired` for a long line this process no longer knows; undefined for a foreign id. */
  decode(customId: string): { line: string } | 'expired' | undefined {
    if (customId.startsWith(INLINE)) return { line: customId.slice(INLINE.length) };
    if (customId.startsWith(STORED)) {
      const line = this.stored.get(customId);
      return line === undefined ? 'expired' : { line };
    }
    return undefined;
  }
}
