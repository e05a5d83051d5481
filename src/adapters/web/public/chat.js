// The chat page: the session's history from the event stream, a line editor (Enter sends, ↑ recalls), attachments.
import { html, render, useEffect, useRef, useState } from '/vendor/preact-htm.js';
import { api, session } from './api.js';
import { t } from './i18n.js';
import { Reply } from './reply.js';

function upsert(list, message) {
  const i = list.findIndex((m) => m.id === message.id);
  if (i === -1) return [...list, message];
  const next = list.slice();
  next[i] = message;
  return next;
}

function Message({ message, onCommand }) {
  if (message.from === 'user') {
    return html`<div class="msg user" data-testid="user-message"><div class="who">${t('you')}</div><div class="bubble">${message.text}${message.attachment ? html`<div class="attachment">📎 ${message.attachment}</div>` : null}</div></div>`;
  }
  return html`<div class="msg bot" data-testid="bot-message" data-id=${message.id} data-edits=${message.edits}>
    <div class="who">${t('bot')}${message.edits > 0 ? html` <span class="edited">· ${t('edited')}</span>` : null}</div>
    <div class="bubble"><${Reply} reply=${message.reply} files=${message.files} onCommand=${onCommand} /></div>
  </div>`;
}

function Chat() {
  const [messages, setMessages] = useState([]);
  // Connected until the stream says otherwise: no "reconnecting" flash while the first history loads.
  const [connected, setConnected] = useState(true);
  const [line, setLine] = useState('');
  const [file, setFile] = useState(null);
  const [error, setError] = useState('');
  const history = useRef([]);
  const bottom = useRef(null);
  const fileInput = useRef(null);

  useEffect(() => {
    const events = new EventSource('/api/events');
    events.addEventListener('history', (e) => {
      const list = JSON.parse(e.data);
      setMessages(list);
      history.current = list.filter((m) => m.from === 'user').map((m) => m.text);
      setConnected(true);
    });
    events.addEventListener('message', (e) => setMessages((list) => upsert(list, JSON.parse(e.data))));
    events.onerror = () => setConnected(false);
    return () => events.close();
  }, []);
  useEffect(() => bottom.current?.scrollIntoView({ block: 'end' }), [messages.length]);

  // Every line sent (typed, or a button's command) is what ↑ recalls.
  const send = async (text, attached = null) => {
    setError('');
    if (text !== '') history.current.push(text);
    const body = new FormData();
    body.set('text', text);
    if (attached) body.set('file', attached);
    const result = await api('/api/messages', { method: 'POST', body });
    if (result.error) setError(result.error);
  };

  const submit = (e) => {
    e?.preventDefault();
    const text = line.trim();
    if (text === '' && !file) return;
    setLine('');
    const attached = file;
    setFile(null);
    if (fileInput.current) fileInput.current.value = '';
    void send(text, attached);
  };

  const onKey = (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      submit(e);
    } else if (e.key === 'ArrowUp' && line === '' && history.current.length > 0) {
      e.preventDefault();
      setLine(history.current[history.current.length - 1]);
    }
  };

  return html`<main class="chat">
    <header><strong>${t('title')}</strong><span class="user">${session.user}</span><a href="/prices">${t('prices')}</a></header>
    ${connected ? null : html`<div class="banner">${t('disconnected')}</div>`}
    <section class="log" data-testid="log">
      ${messages.length === 0 ? html`<div class="empty">${t('empty')} ${['tryHelp', 'tryCuts', 'tryTrend'].map((k) => html`<button type="button" onClick=${() => send(t(k))}>${t(k)}</button>`)}</div>` : null}
      ${messages.map((m) => html`<${Message} key=${m.id} message=${m} onCommand=${(c) => send(c)} />`)}
      <div ref=${bottom}></div>
    </section>
    ${error ? html`<div class="error" role="alert">${error}</div>` : null}
    <form class="composer" onSubmit=${submit}>
      <label class="attach" title=${t('attach')}>📎<input ref=${fileInput} type="file" data-testid="file" onChange=${(e) => setFile(e.target.files?.[0] ?? null)} /></label>
      ${file ? html`<span class="chosen">${file.name}</span>` : null}
      <textarea rows="1" autofocus data-testid="input" placeholder=${t('placeholder')} value=${line} onInput=${(e) => setLine(e.target.value)} onKeyDown=${onKey}></textarea>
      <button type="submit">${t('send')}</button>
    </form>
  </main>`;
}

render(html`<${Chat} />`, document.getElementById('app'));
