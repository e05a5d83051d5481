// Sources worth trusting: every link in knowledge/ has a label; a label that
// names an outlet links to that outlet's own site; a link to a reprint or
// aggregator site says so in its label and names no other outlet. The
// outlet registry below is the list of publishers the knowledge base cites
// by name; add to it when a document cites a new one.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = 'knowledge';

/** Outlet or publisher names (as they may appear in a label) → the hosts (and path prefixes) that are theirs. */
const OUTLETS: ReadonlyArray<{ names: RegExp; hosts: readonly string[] }> = [
  { names: /synced|机器之心/i, hosts: ['syncedreview.com', 'jiqizhixin.com'] },
  { names: /science and technology daily|科技日报/i, hosts: ['stdaily.com'] },
  { names: /technode/i, hosts: ['technode.com'] },
  { names: /tiger brokers|老虎证券/i, hosts: ['itiger.com'] },
  { names: /bianews/i, hosts: ['bianews.com'] },
  { names: /\budn\b|联合新闻网/i, hosts: ['udn.com'] },
  { names: /infoq/i, hosts: ['infoq.cn', 'infoq.com'] },
  { names: /longport/i, hosts: ['longportapp.com'] },
  { names: /wallstreetcn|华尔街见闻/i, hosts: ['wallstreetcn.com'] },
  { names: /tencent|腾讯|qq news/i, hosts: ['qq.com'] },
  { names: /eastmoney|东方财富/i, hosts: ['eastmoney.com'] },
  { names: /itbear/i, hosts: ['itbear.com.cn'] },
  { names: /qianfan|千帆|baidu|百度/i, hosts: ['baidu.com', 'baidubce.com'] },
  { names: /atlas cloud/i, hosts: ['atlascloud.ai'] },
  { names: /linkedin/i, hosts: ['linkedin.com'] },
  { names: /latent space/i, hosts: ['latent.space'] },
  { names: /epoch ai/i, hosts: ['epoch.ai', 'epochai.org'] },
  { names: /a16z|andreessen/i, hosts: ['a16z.com'] },
  { names: /arxiv/i, hosts: ['arxiv.org'] },
  { names: /deepseek/i, hosts: ['deepseek.com', 'github.com/deepseek-ai'] },
  { names: /semianalysis/i, hosts: ['semianalysis.com'] },
  { names: /reuters|路透/i, hosts: ['reuters.com'] },
  { names: /bloomberg|彭博/i, hosts: ['bloomberg.com'] },
];

/** Sites that republish others' articles (content farms, aggregators): never an original publisher. */
const REPRINT_HOSTS = [
  '262wan.com', 'guaripetesolutions.us', 'wxredian.com', 'shengjixing.cn', 'xingfushuangcheng.com', 'myship.cn', 'yaliqi.com',
  'wenshannet.com', '9yaogo.com', 'hfls01.com', 'senqingzn.com', 'vergex.cn', 'faxianai.com', 'careerengine.us', 'outputnews.com',
];
const REPRINT_LABEL = /reprint|aggregator|转载|聚合/i;

interface Link {
  readonly file: string;
  readonly label: string;
  readonly url: string;
}

function links(): Link[] {
  const out: Link[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.md'))) {
    const text = readFileSync(join(DIR, file), 'utf8');
    for (const m of text.matchAll(/\[([^\]]*)\]\((https?:\/\/[^)\s]+)\)/g)) out.push({ file, label: m[1]!.trim(), url: m[2]! });
    // A bare URL has no label at all.
    const withoutLinks = text.replace(/\[([^\]]*)\]\((https?:\/\/[^)\s]+)\)/g, ' ');
    for (const m of withoutLinks.matchAll(/\bhttps?:\/\/[^\s<>)\]]+/g)) out.push({ file, label: '', url: m[0] });
  }
  return out;
}

function hostAndPath(url: string): string {
  const u = new URL(url);
  return `${u.hostname.replace(/^www\./, '')}${u.pathname}`;
}

const belongsTo = (url: string, hosts: readonly string[]) => {
  const where = hostAndPath(url);
  return hosts.some((h) => where === h || where.startsWith(`${h}/`) || where.includes(`.${h}/`) || where.startsWith(h));
};

describe('knowledge sources', () => {
  const all = links();

  it('finds the links', () => {
    expect(all.length).toBeGreaterThan(40);
  });

  it('every link has a label that is not a bare URL', () => {
    const bad = all.filter((l) => l.label === '' || /^https?:\/\//.test(l.label));
    expect(bad.map((l) => `${l.file}: ${l.url}`)).toEqual([]);
  });

  it('no label names an outlet whose site the link is not on', () => {
    const bad = all.flatMap((l) => OUTLETS.filter((o) => o.names.test(l.label) && !belongsTo(l.url, o.hosts)).map(() => `${l.file}: [${l.label}](${l.url})`));
    expect(bad).toEqual([]);
  });

  it('a link to a reprint or aggregator site is labelled as one', () => {
    const bad = all.filter((l) => belongsTo(l.url, REPRINT_HOSTS) && !REPRINT_LABEL.test(l.label));
    expect(bad.map((l) => `${l.file}: [${l.label}](${l.url})`)).toEqual([]);
  });

  it('the registry catches the mislabelling of issue #12', () => {
    const check = (label: string, url: string) => OUTLETS.some((o) => o.names.test(label) && !belongsTo(url, o.hosts));
    expect(check('Synced on his exit from Facebook', 'https://www.guaripetesolutions.us/caffe-pioneer')).toBe(true);
    expect(check('Science and Technology Daily reprint', 'http://262wan.com/222/62921.html')).toBe(true);
    expect(check('TechNode, 2023-03-22', 'https://technode.com/2023/03/22/x/')).toBe(false);
  });
});
