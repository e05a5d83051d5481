// Small knowledge bases on disk for the FAQ tests (real files in temp dirs).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DocSpec {
  id: string;
  title: string;
  lang: 'zh' | 'en';
  tags?: string[];
  questions: string[];
  body: string;
}

/** A knowledge document as it would be written by hand. */
export function docSource(spec: DocSpec): string {
  return [
    '---',
    `id: ${spec.id}`,
    `title: "${spec.title}"`,
    `lang: ${spec.lang}`,
    `tags: [${(spec.tags ?? []).join(', ')}]`,
    'questions:',
    ...spec.questions.map((q) => `  - ${q}`),
    '---',
    '',
    spec.body,
  ].join('\n');
}

export function tempDir(prefix = 'faq-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeDocs(dir: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
}

export const KETTLE_EN: DocSpec = {
  id: 'kettle',
  title: 'Electric kettles',
  lang: 'en',
  tags: ['appliances'],
  questions: ['How does an electric kettle work?'],
  body: [
    '# Electric kettles',
    '',
    '## How it heats {#heating}',
    '',
    'A heating element under the water turns electricity into heat; a thermostat switches it off when the water boils.',
    '',
    '## Descaling {#descaling}',
    '',
    'Hard water leaves limescale. Boil a mix of water and citric acid, then rinse.',
  ].join('\n'),
};

export const KETTLE_ZH: DocSpec = {
  id: 'kettle',
  title: '电热水壶',
  lang: 'zh',
  tags: ['家电'],
  questions: ['电热水壶是怎么烧水的？'],
  body: [
    '# 电热水壶',
    '',
    '## 加热原理 {#heating}',
    '',
    '壶底的发热盘把电能变成热能，水烧开时温控器自动断电。',
    '',
    '## 除水垢 {#descaling}',
    '',
    '硬水会留下水垢。用柠檬酸加水煮一遍，再冲洗干净。',
  ].join('\n'),
};
