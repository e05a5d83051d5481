// UI words in the browser's language: Chinese for zh-*, English otherwise.
const WORDS = {
  en: {
    title: 'pricewar-bot', placeholder: 'Ask a question or type a command (/help) — Enter sends, ↑ recalls', send: 'Send', attach: 'Attach a file',
    sources: 'Sources', working: 'working…', prices: 'Price dashboard', chat: 'Chat', you: 'You', bot: 'Bot', png: 'PNG',
    disconnected: 'Reconnecting…', provider: 'Provider', all: 'All providers', filter: 'Filter models', rows: 'rows',
    asOf: 'Data as of', currency: 'Currency', edited: 'updated', empty: 'Ask about LLM API prices, or try:',
    tryCuts: '/pricewar cuts', tryTrend: '/pricewar trend', tryHelp: '/help', chartFailed: 'This chart could not be drawn here; the PNG link still works.',
    login: 'Log in', token: 'Access token', name: 'Your name (for TRAIN_ALLOWED_USERS as web:<name>)', loginFailed: 'That token is not right.',
  },
  zh: {
    title: 'pricewar-bot', placeholder: '输入问题或命令（/help）— 回车发送，↑ 调出上一条', send: '发送', attach: '附加文件',
    sources: '来源', working: '处理中…', prices: '价格看板', chat: '对话', you: '你', bot: '机器人', png: 'PNG',
    disconnected: '正在重新连接…', provider: '服务商', all: '全部服务商', filter: '筛选模型', rows: '行',
    asOf: '数据日期', currency: '货币', edited: '已更新', empty: '可以问 LLM API 价格相关的问题，或试试：',
    tryCuts: '/pricewar cuts', tryTrend: '/pricewar trend', tryHelp: '/help', chartFailed: '此图表无法在此显示；PNG 链接仍可用。',
    login: '登录', token: '访问令牌', name: '你的名字（TRAIN_ALLOWED_USERS 中写作 web:<名字>）', loginFailed: '令牌不正确。',
  },
};

export const lang = (navigator.languages?.[0] ?? navigator.language ?? 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en';
document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';

/** The UI word for `key` in the page's language. */
export function t(key) {
  return WORDS[lang][key] ?? WORDS.en[key] ?? key;
}

// Chromium can keep the sticky header's text in the fallback font's empty boxes after the CJK web font
// (style.css) arrives; laying the header out again once fonts load draws it with the font.
document.fonts?.addEventListener('loadingdone', () => {
  for (const header of document.querySelectorAll('header')) {
    header.style.display = 'none';
    void header.offsetHeight;
    header.style.display = '';
  }
});
