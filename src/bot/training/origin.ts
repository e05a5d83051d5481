/**
 * Where a training job reports, as the chat layer records it with the job:
 * the conversation it was asked in and, when there is one, the message that
 * shows its progress. The training feature stores this as opaque JSON and
 * never reads it; here it is written and, when read back from the database,
 * checked (a row written by another version, or edited by hand, must not
 * crash the reporter).
 */
import { z } from 'zod';
import type { Conversation, MessageRef } from '../../core/index.js';

const conversationSchema = z.object({ platform: z.string().min(1), channel: z.string(), thread: z.string().optional() });

const originSchema = z.object({
  conversation: conversationSchema,
  progressRef: z.object({ conversation: conversationSchema, id: z.string() }).optional(),
});

/** A type alias (not an interface), so that it is a plain JSON object to the feature. */
export type JobOrigin = {
  readonly conversation: Conversation;
  /** The message edited with the job's progress and result; absent when the asker waits in process. */
  readonly progressRef?: MessageRef;
};

export function jobOrigin(conversation: Conversation, progressRef?: MessageRef): JobOrigin {
  return progressRef === undefined ? { conversation } : { conversation, progressRef };
}

/** The origin stored with a job, or undefined when it is not one this layer wrote. */
export function readOrigin(stored: unknown): JobOrigin | undefined {
  const parsed = originSchema.safeParse(stored);
  // JSON has no `undefined`, so the optional keys zod reports are absent, not undefined.
  return parsed.success ? (parsed.data as JobOrigin) : undefined;
}
