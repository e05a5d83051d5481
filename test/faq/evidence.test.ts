import { describe, expect, it } from 'vitest';
import { CHANGE_TERM, MONEY_TERM, NUMBER_TERM, PRIOR_TERM, REASON_TERM, evidenceTerms } from '../../src/faq/evidence.js';

describe('evidence: the markers of what a sentence gives', () => {
  it('marks a reason, not a plain report', () => {
    expect(evidenceTerms('DeepSeek cut prices because MLA shrinks the KV cache.')).toContain(REASON_TERM);
    expect(evidenceTerms('实际收入低得多，因为 V3 价格更低。')).toContain(REASON_TERM);
    expect(evidenceTerms('Moonshot AI, Baichuan and 01.AI did not join the May-2024 cuts.')).not.toContain(REASON_TERM);
  });

  it('marks a sum of money apart from a percentage, and any number', () => {
    expect(evidenceTerms('Qwen-Turbo input −85% to 0.3 yuan')).toContain(MONEY_TERM);
    expect(evidenceTerms('Qwen-Plus input −80%')).not.toContain(MONEY_TERM);
    expect(evidenceTerms('Qwen-Plus input −80%')).toContain(NUMBER_TERM);
    expect(evidenceTerms('hunyuan-lite 免费')).toContain(MONEY_TERM);
    expect(evidenceTerms('the list of what you can change')).not.toContain(NUMBER_TERM);
  });

  it('marks the price before a change only where the old price is given', () => {
    expect(evidenceTerms('智谱把 GLM-3-Turbo 的价格从 5 元降到 1 元')).toContain(PRIOR_TERM);
    expect(evidenceTerms('Qwen-Long input from 20 yuan to 0.5 yuan')).toContain(PRIOR_TERM);
    expect(evidenceTerms('ERNIE-Speed-8K（原价 4/8 元）免费')).toContain(PRIOR_TERM);
    expect(evidenceTerms('价格上涨到输入 2 元')).not.toContain(PRIOR_TERM);
  });

  it('reads a change through emphasis marks and in 降 85%', () => {
    expect(evidenceTerms('价格**上涨**到输入 2 元')).toContain(CHANGE_TERM);
    expect(evidenceTerms('Qwen-Turbo 输入降 85% 至 0.3 元')).toContain(CHANGE_TERM);
  });
});
