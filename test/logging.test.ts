import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { createAppLogger, REDACTED } from '../src/logging.js';
import { captureLog } from './fakes/bot.js';
import { Writable } from 'node:stream';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(chunk: Buffer, _e, done) {
        chunks.push(chunk.toString('utf8'));
        done();
      },
    }),
    text: () => chunks.join(''),
  };
}

describe('logging', () => {
  const token = 'xoxb-1234567890-SECRET-token';
  const discordToken = 'MTAx.discord."quoted"\\token';

  it('never writes a configured secret, wherever it hides', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: 'signing-secret-abc', DISCORD_TOKEN: discordToken, LOG_LEVEL: 'debug' }, undefined);
    const out = sink();
    const log = createAppLogger(config, { level: 'info' }, out.stream as never);
    log.info({ token }, 'by field name');
    log.info({ nested: { botToken: token } }, 'nested field');
    log.info({ url: `https://slack.com/api/auth.test?token=${token}` }, 'inside a string');
    log.error({ err: new Error(`request failed with Authorization: Bearer ${token}`) }, 'inside an error');
    log.info(`message text mentioning ${discordToken} and signing-secret-abc`);
    log.info({ config }, 'whole config');
    const text = out.text();
    expect(text.split('\n').filter(Boolean)).toHaveLength(6);
    expect(text).not.toContain(token);
    expect(text).not.toContain('SECRET-token');
    expect(text).not.toContain('signing-secret-abc');
    expect(text).not.toContain('discord.');
    expect(text).toContain(REDACTED);
  });

  it('writes JSON lines by default', () => {
    const { log, lines } = captureLog('info');
    log.info({ a: 1 }, 'hello');
    expect(lines()[0]).toMatchObject({ level: 30, msg: 'hello', a: 1, app: 'pricewar-bot' });
  });
});
