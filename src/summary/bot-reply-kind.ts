/**
 * What one of the bot's own messages in the channel was. Bot activity
 * (./bot-activity.ts) decides it; open questions (./questions.ts) read it to
 * tell a bot's answer from its "no answer". Its own file, so neither of the
 * two imports the other for a type.
 */
export type BotReplyKind = 'faq-answer' | 'faq-no-answer' | 'training' | 'price-alert' | 'digest' | 'other';
