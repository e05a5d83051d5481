import { describe, expect, it } from 'vitest';
import { isTraditional, toSimplified, toTraditional } from '../../src/faq/chinese-script.js';

describe('Chinese script: questions in traditional characters', () => {
  it('tells traditional from simplified text', () => {
    expect(isTraditional('價格戰對中小企業有什麼影響')).toBe(true);
    expect(isTraditional('价格战对中小企业有什么影响')).toBe(false);
    expect(isTraditional('What did DeepSeek charge?')).toBe(false);
    // Characters both scripts share are not traditional.
    expect(isTraditional('大模型在医疗影像上有什么用')).toBe(false);
  });

  it('reads traditional text in simplified characters, with Taiwan\'s phrases', () => {
    expect(toSimplified('價格戰對中小企業有什麼影響')).toBe('价格战对中小企业有什么影响');
    expect(toSimplified('這個軟體的網路')).toBe('这个软件的网络');
  });

  it('leaves simplified text as it is, words Taiwan writes otherwise included', () => {
    for (const text of ['大模型在医疗影像上有什么用', '软件和网络', 'Lepton AI 是谁创办的', '']) expect(toSimplified(text)).toBe(text);
  });

  it('writes an answer back in traditional characters, Markdown, Latin text and link targets untouched', async () => {
    expect(await toTraditional('价格战对中小企业总体是**利好**，见 [DeepSeek 价格](https://example.com/价格)。')).toBe('價格戰對中小企業總體是**利好**，見 [DeepSeek 價格](https://example.com/价格)。');
    expect(await toTraditional('来源 <https://example.com/报告> 和 https://example.com/数据 。')).toBe('來源 <https://example.com/报告> 和 https://example.com/数据 。');
    expect(await toTraditional('No Han here')).toBe('No Han here');
  });
});
