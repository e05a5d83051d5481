/**
 * End to end with REDIS_URL: two bot processes (`src/main.ts`, Slack HTTP
 * mode, real Bolt) serving one fake Slack app and two worker processes
 * (`src/entry/worker.ts`, the fake trainer), all on one real redis-server.
 * A burst of /train from several users spreads across the workers and every
 * job's message ends as the embedded engine leaves it (edited in place, the
 * result table and the curve chart); a worker killed with -9 mid-job costs a
 * re-run, said in the message; a Slack event delivered to both replicas is
 * answered once; a scheduled digest is posted once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { blockActionsForm, eventEnvelope, eventForm, postSigned, slashCommandForm } from '../fakes/slack-requests.js';
import { freePort, redisAvailable, startRedis, type FakeRedis } from '../fakes/redis-server.js';
import { tempDir } from '../training/helpers.js';
import { FAKE_COMMAND, REPO_ROOT, stopProcess, workerProcess } from './helpers.js';

const SECRET = 'replica-test-signing-secret';
const CHANNEL = 'C0GENERAL';

interface BotProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly env: { vars: Record<string, string>; dataDir: string };
  output(): string;
}

async function startBot(env: Record<string, string>, dataDir: string): Promise<BotProcess> {
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, SLACK_PORT: String(port), DATA_DIR: dataDir, OUT_DIR: join(dataDir, 'out'), LOG_LEVEL: 'info', WEB_PORT: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer): void => {
      out += d.toString();
      if (out.includes('Slack adapter listening')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`bot exited (${code}) before it listened:\n${out}`)));
  });
  return { child, url: `http://127.0.0.1:${port}/slack/events`, env: { vars: env, dataDir }, output: () => out };
}

/** 20:15:30 UTC as a six-field cron pattern (seconds first). */
const cronAt = (d: Date) => `${d.getUTCSeconds()} ${d.getUTCMinutes()} ${d.getUTCHours()} * * *`;

describe.skipIf(!redisAvailable)('two bot replicas and two workers on one Redis (fake Slack)', () => {
  let redis: FakeRedis;
  let slack: FakeSlack;
  const bots: BotProcess[] = [];
  const workers: ReturnType<typeof workerProcess>[] = [];
  const dirs: (() => void)[] = [];
  let digestAt: Date;

  beforeAll(async () => {
    redis = await startRedis({ persist: true });
    slack = await startFakeSlack();
    slack.seedChannel({ id: CHANNEL, name: 'general' });
    slack.seedHistory(CHANNEL, [
      { text: 'DeepSeek cut its input price again today', at: new Date(Date.now() - 3_600_000) },
      { text: 'Qwen answered with a cheaper tier', at: new Date(Date.now() - 1_800_000) },
    ]);
    const dir = () => {
      const d = tempDir('pwbot-replica-');
      dirs.push(d.cleanup);
      return d.path;
    };
    for (let i = 0; i < 2; i++) {
      const w = workerProcess(redis.url, dir(), { FAKE_TRAINER_SLOW_MS: '250' });
      workers.push(w);
    }
    await Promise.all(workers.map((w) => w.ready));
    // The digest fires once, a little after both bots are up.
    digestAt = new Date(Math.ceil((Date.now() + 25_000) / 1000) * 1000);
    const env = {
      REDIS_URL: redis.url,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      TRAIN_ALLOWED_USERS: 'slack:*',
      TRAIN_COMMAND: FAKE_COMMAND,
      SUMMARY_SCHEDULE: cronAt(digestAt),
      SUMMARY_CHANNELS: `slack:${CHANNEL}`,
      SUMMARY_TIMEZONE: 'UTC',
      BOT_ADMINS: 'slack:U0ALICE',
    };
    for (const d of [dir(), dir()]) bots.push(await startBot(env, d));
  }, 60_000);

  afterAll(async () => {
    for (const p of [...bots.map((b) => b.child), ...workers.map((w) => w.child)]) await stopProcess(p);
    await slack?.close();
    await redis?.stop();
    for (const c of dirs) c();
  });

  const slash = (bot: BotProcess, text: string, user: string) =>
    postSigned(bot.url, slashCommandForm({ command: '/train', text, user, userName: user.toLowerCase(), channel: CHANNEL, responseUrl: slack.responseUrl(CHANNEL) }), { secret: SECRET });
  const jobMessages = () => slack.transcript(CHANNEL).filter((m) => /Training job #\d+/.test(slack.plainText(m)));
  const jobMessage = (id: number) => jobMessages().filter((m) => slack.plainText(m).includes(`Training job #${id}:`));

  it('spreads a burst of /train from several users over both workers; each message ends with its result, edited in place', async () => {
    const users = ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAVE'];
    const acks = await Promise.all(users.map((u, i) => slash(bots[i % 2] as BotProcess, '--epochs 4 --seed 777', u)));
    expect(acks.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    for (let id = 1; id <= 4; id++) {
      const done = await slack.waitFor(() => jobMessage(id).find((m) => slack.plainText(m).includes(`Training job #${id}: done`)), `job #${id} done`, 40_000);
      const text = slack.plainText(done);
      expect(text).toMatch(/epoch\s+loss\s+accuracy/);
      expect(text).toContain('external: fake-node');
      expect(done.edits).toBeGreaterThan(0);
    }
    // One message per job (the reply, edited), never a duplicate from the other replica.
    for (let id = 1; id <= 4; id++) expect(jobMessage(id)).toHaveLength(1);
    // The curves, drawn by the bot from the job's history.
    await slack.waitFor(() => slack.callsOf('files.completeUploadExternal').length >= 4 || undefined, 'four curve charts', 20_000);
    const ran = bots.map((b) => b.output()).join('') + workers.map((w) => w.output()).join('');
    const hosts = new Set(workers.filter((w) => /"msg":"training job started"/.test(w.output())).map((w) => w.child.pid));
    expect(hosts.size).toBe(2);
    expect(ran).not.toMatch(/"level":50/);
  }, 90_000);

  it('re-runs the job of a worker killed with -9 mid-job, and its message says it was restarted', async () => {
    await slash(bots[0] as BotProcess, '--epochs 24 --seed 777', 'U0ERIN');
    const id = 5;
    await slack.waitFor(() => jobMessage(id).find((m) => /epoch [2-9]\d* of 24/.test(slack.plainText(m))), 'job #5 training', 20_000);
    const victim = workers.find((w) => w.output().includes(`"job":${id},`)) ?? workers[0];
    await stopProcess(victim!.child, 'SIGKILL');
    const done = await slack.waitFor(() => jobMessage(id).find((m) => slack.plainText(m).includes(`Training job #${id}: done`)), 'job #5 done after the kill', 60_000);
    expect(slack.plainText(done)).toMatch(/restarted: the worker running it stopped/);
    expect(jobMessage(id)).toHaveLength(1);
  }, 90_000);

  it('shows status and list, and cancels within an epoch, from the other replica', async () => {
    await slash(bots[0] as BotProcess, '--epochs 200 --seed 777', 'U0FRANK');
    const live = await slack.waitFor(() => jobMessages().find((m) => /Training job #\d+: epoch [1-9]\d* of 200/.test(slack.plainText(m))), 'the long job training', 20_000);
    const id = Number(/Training job #(\d+)/.exec(slack.plainText(live))?.[1]);
    await slash(bots[1] as BotProcess, `status ${id}`, 'U0FRANK');
    // The status answer is a second message about the job, beside the job's own.
    await slack.waitFor(() => jobMessage(id).length === 2 || undefined, 'status from replica B', 15_000);
    expect(jobMessage(id).every((m) => new RegExp(`Training job #${id}: epoch \\d+ of 200`).test(slack.plainText(m)))).toBe(true);
    await slash(bots[1] as BotProcess, 'list', 'U0GINA');
    const list = await slack.waitFor(() => slack.transcript(CHANNEL).find((m) => /most recent training jobs/.test(slack.plainText(m))), 'the list from replica B', 15_000);
    for (const user of ['u0alice', 'u0bob', 'u0frank']) expect(slack.plainText(list).toLowerCase()).toContain(user);
    await slash(bots[1] as BotProcess, `cancel ${id}`, 'U0FRANK');
    const ended = await slack.waitFor(() => jobMessage(id).find((m) => slack.plainText(m).includes(`Training job #${id}: cancelled`)), 'the job message says cancelled', 20_000);
    expect(slack.plainText(ended)).toMatch(/cancelled by slack:U0FRANK after \d+ of 200 epochs/);
  }, 60_000);


  it('posts a scheduled digest once, not once per replica', async () => {
    const wait = digestAt.getTime() + 8000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    // A digest is known by its heading; its topics may quote the training jobs' own messages.
    const digests = slack.transcript(CHANNEL).filter((m) => m.via === 'chat.postMessage' && /Scheduled summary of|定时摘要/.test(slack.plainText(m)));
    expect(digests).toHaveLength(1);
  }, 60_000);

  it('answers a Slack event delivered to both replicas exactly once', async () => {
    const event = { type: 'app_mention', user: 'U0ALICE', channel: CHANNEL, text: `<@${slack.botUserId}> /train workers`, ts: `${Math.floor(Date.now() / 1000)}.000777` };
    const envelope = eventEnvelope(event, { eventId: 'Ev0REPLICA01' });
    const both = await Promise.all(bots.map((b) => postSigned(b.url, eventForm(envelope), { secret: SECRET })));
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    await slack.waitFor(() => slack.transcript(CHANNEL).find((m) => slack.plainText(m).includes('live worker')), 'the /train workers answer', 15_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(slack.transcript(CHANNEL).filter((m) => slack.plainText(m).includes('live worker'))).toHaveLength(1);
  }, 30_000);

  it('records a 👍 clicked on replica B for an answer replica A gave, and /faq gaps on B shows A’s questions', async () => {
    const mention = (text: string, ts: string) =>
      postSigned((bots[0] as BotProcess).url, eventForm(eventEnvelope({ type: 'app_mention', user: 'U0ALICE', channel: CHANNEL, text: `<@${slack.botUserId}> ${text}`, ts })), { secret: SECRET });
    const buttons = (m: { blocks: unknown[] }) =>
      m.blocks.flatMap((b) => ((b as { type?: string }).type === 'actions' ? (b as { elements: { action_id: string; value: string }[] }).elements : []));
    const askTs = `${Math.floor(Date.now() / 1000)}.000901`;
    await mention('Who is Jia Yangqing?', askTs);
    const answered = await slack.waitFor(() => slack.transcript(CHANNEL).find((m) => m.thread_ts === askTs && buttons(m).some((e) => e.value.startsWith('/faq feedback'))), 'the answer with 👍/👎', 20_000);
    const up = buttons(answered).find((e) => /^\/faq feedback \d+ up$/.test(e.value));
    expect(up).toBeDefined();
    await postSigned((bots[1] as BotProcess).url, blockActionsForm({ actionId: up!.action_id, value: up!.value, user: 'U0BOB', channel: CHANNEL, messageTs: answered.ts, threadTs: askTs, responseUrl: slack.responseUrl(CHANNEL) }), { secret: SECRET });
    await slack.waitFor(() => slack.transcript(CHANNEL).find((m) => /Thanks, recorded 👍 for answer #\d+/.test(slack.plainText(m))), 'the vote recorded by replica B', 15_000);
    const gapTs = `${Math.floor(Date.now() / 1000)}.000902`;
    await mention('how many zorblax tokens fit in a quux?', gapTs);
    await slack.waitFor(() => slack.transcript(CHANNEL).find((m) => m.thread_ts === gapTs), 'the unconfident answer', 20_000);
    await postSigned((bots[1] as BotProcess).url, slashCommandForm({ command: '/faq', text: 'gaps', user: 'U0ALICE', channel: CHANNEL, responseUrl: slack.responseUrl(CHANNEL) }), { secret: SECRET });
    const gaps = await slack.waitFor(() => slack.transcript(CHANNEL).find((m) => m.thread_ts !== gapTs && /zorblax/.test(slack.plainText(m))), '/faq gaps on replica B listing the question asked on A', 15_000);
    expect(slack.plainText(gaps)).toMatch(/how many zorblax tokens fit in a quux/);
  }, 60_000);

  it('posts the result of a job that ended while every bot was down when a bot comes back', async () => {
    await slash(bots[0] as BotProcess, '--epochs 16 --seed 777', 'U0HANK');
    const live = await slack.waitFor(() => jobMessages().find((m) => /Training job #\d+: epoch [1-9]\d* of 16/.test(slack.plainText(m)) && !/: done/.test(slack.plainText(m))), 'the job training', 20_000);
    const id = Number(/Training job #(\d+)/.exec(slack.plainText(live))?.[1]);
    const envs = bots.map((b) => b.env);
    for (const b of bots.splice(0)) await stopProcess(b.child, 'SIGKILL');
    // The job ends on its worker while no bot runs; then one bot comes back.
    await new Promise((r) => setTimeout(r, 16 * 250 + 1500));
    expect(jobMessage(id).some((m) => slack.plainText(m).includes(`Training job #${id}: done`))).toBe(false);
    for (const env of envs) bots.push(await startBot(env.vars, env.dataDir));
    const done = await slack.waitFor(() => jobMessage(id).find((m) => slack.plainText(m).includes(`Training job #${id}: done`)), 'the result posted after the restart', 30_000);
    expect(slack.plainText(done)).toMatch(/epoch\s+loss\s+accuracy/);
    expect(jobMessage(id)).toHaveLength(1);
  }, 90_000);
});
