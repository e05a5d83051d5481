import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { FaqService } from '../../../src/bot/faq/service.js';
import { createLogger } from '../../../src/logging.js';
import { docSource, KETTLE_EN, tempDir, writeDocs } from '../../faq/helpers.js';

const log = createLogger({ level: 'silent' });

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const TOASTER = docSource({ id: 'toaster', title: 'Toasters', lang: 'en', questions: ['How does a toaster brown bread?'], body: '## Browning {#browning}\nGlowing wires brown the bread by the Maillard reaction.' });

describe('FaqService', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function start(files: Record<string, string>, watch = true): Promise<{ service: FaqService; dir: string }> {
    const t = tempDir('faq-svc-');
    cleanups.push(t.cleanup);
    writeDocs(t.dir, files);
    const service = await FaqService.create({ knowledgeDir: t.dir, dbFile: join(t.dir, 'faq.sqlite'), log, watch });
    cleanups.push(() => service.dispose());
    return { service, dir: t.dir };
  }

  it('reloads by itself when a document is added, and reports a malformed one by name while the rest load', async () => {
    const { service, dir } = await start({ 'kettle.en.md': docSource(KETTLE_EN) });
    expect(service.watching).toBe(true);
    expect((await service.ask('How does a toaster brown bread?', { platform: 'test', userKey: 'test:u' })).confident).toBe(false);

    writeFileSync(join(dir, 'toaster.en.md'), TOASTER);
    writeFileSync(join(dir, 'broken.md'), '---\ntitle: no id\n---\n## A\ntext');
    await until(() => service.engine.kb.docs.length === 2 && service.engine.kb.problems.length === 1);
    expect(service.engine.kb.problems[0]).toMatchObject({ file: 'broken.md' });
    expect(service.engine.kb.problems[0]?.message).toMatch(/id: is required/);

    const answer = await service.ask('How does a toaster brown bread?', { platform: 'test', userKey: 'test:u' });
    expect(answer).toMatchObject({ confident: true, section: { id: 'toaster.en#browning' } });
    expect(answer.answerId).toBeGreaterThan(0);
    expect(service.store.getAnswer(answer.answerId)?.sectionId).toBe('toaster.en#browning');
  });

  it('reload() re-reads on demand and swaps the index in one step', async () => {
    const { service, dir } = await start({ 'kettle.en.md': docSource(KETTLE_EN) }, false);
    expect(service.watching).toBe(false);
    writeFileSync(join(dir, 'toaster.en.md'), TOASTER);
    expect(service.engine.kb.docs).toHaveLength(1); // no watcher: nothing changes by itself
    const [a, b] = await Promise.all([service.reload(), service.reload()]);
    expect(a).toBe(b); // concurrent calls share one reload
    expect(a).toMatchObject({ docs: 2, sections: 3, problems: [] });
    expect(service.engine.kb.docs).toHaveLength(2);
  });

  it('stops watching when disposed', async () => {
    const { service, dir } = await start({ 'kettle.en.md': docSource(KETTLE_EN) });
    await service.dispose();
    expect(service.watching).toBe(false);
    writeFileSync(join(dir, 'toaster.en.md'), TOASTER);
    await new Promise((r) => setTimeout(r, 600));
    expect(service.engine.kb.docs).toHaveLength(1);
  });

  it('never keeps a one-shot process alive (the watcher is unref\'d), even without dispose', async () => {
    const t = tempDir('faq-child-');
    cleanups.push(t.cleanup);
    writeDocs(t.dir, { 'kettle.en.md': docSource(KETTLE_EN) });
    const started = Date.now();
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/bot/faq/fixtures/service-no-dispose.ts', t.dir, join(t.dir, 'faq.sqlite')], { timeout: 20_000 });
    expect(JSON.parse(stdout)).toEqual({ watching: true, confident: true });
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
