// The editor page: recent articles and their audio, regeneration, the script as it will be read, and the lexicon.
// Everything an article or an editor wrote goes in with textContent, never as markup.
(() => {
  'use strict';
  const root = document.body.dataset.root || '';
  // The page names the right-to-left editions, so no language is written into the script.
  const rightToLeft = new Set((document.body.dataset.rtlLanguages || '').split(' ').filter(Boolean));
  const $ = (id) => document.getElementById(id);
  const enc = encodeURIComponent;
  const articlePath = (id) => '/api/articles/' + enc(id);
  // A rendition in one of these states will not change by itself.
  const settled = new Set(['ready', 'failed', 'none', 'superseded', 'withdrawn']);
  let articles = [];
  let opened = null;
  let sound = null;

  class Problem extends Error {
    constructor(status, detail) { super(detail); this.status = status; }
  }

  // Every call carries the editor header the service asks of cookie-borne changes.
  async function call(path, { method = 'GET', body, binary = false } = {}) {
    const headers = { 'X-Roya-Editor': '1', Accept: binary ? 'audio/wav' : 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const answer = await fetch(root + path, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (answer.status === 401) {
      location.assign(root + '/editor/login?returnUrl=' + enc(location.pathname));
      throw new Problem(401, 'signed out');
    }
    if (!answer.ok) {
      let detail = `${answer.status} ${answer.statusText}`;
      try { detail = (await answer.json()).detail || detail; } catch { /* not a problem document */ }
      throw new Problem(answer.status, detail);
    }
    if (answer.status === 204) return null;
    return binary ? answer.arrayBuffer() : answer.json();
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function button(text, label, onClick) {
    const node = el('button', text);
    node.type = 'button';
    node.setAttribute('aria-label', label);
    node.addEventListener('click', onClick);
    return node;
  }

  function cell(child, className) {
    const td = el('td', null, className);
    td.append(child);
    return td;
  }

  function say(text, bad) {
    const message = $('message');
    message.textContent = text;
    message.classList.toggle('bad', !!bad);
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const clock = (ms) => {
    if (ms === null || ms === undefined) return '—';
    const s = Math.round(ms / 1000);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  };
  const money = (usd) => (usd === null || usd === undefined ? '—' : '$' + usd.toFixed(4));
  const count = (n) => (n === null || n === undefined ? '—' : n.toLocaleString('en'));
  const percent = (rate) => (rate === null || rate === undefined ? '—' : Math.round(rate * 100) + '%');
  const rowOf = (id) => [...$('articles').tBodies[0].rows].find((row) => row.dataset.article === id);

  function showStatus(target, status, reason) {
    target.replaceChildren(el('span', status, 'state ' + (/^[a-z]+$/.test(status) ? status : '')));
    if (reason) target.append(el('span', reason, 'reason'));
  }

  function setRowStatus(id, status, reason) {
    const row = rowOf(id);
    if (row) showStatus(row.querySelector('.status'), status, reason);
  }

  // ---- Articles ----

  async function loadArticles() {
    try {
      articles = await call('/api/articles?limit=100');
    } catch (e) {
      say('Articles could not be loaded: ' + e.message, true);
      return;
    }
    $('articles').tBodies[0].replaceChildren(...articles.map(articleRow));
    $('articles-empty').hidden = articles.length > 0;
    await listening(articles.map((a) => a.id));
  }

  function articleRow(a) {
    const row = el('tr');
    row.dataset.article = a.id;
    const title = el('td', a.title, 'title');
    title.dir = 'auto';
    if (!a.published) title.append(el('span', 'draft', 'tag'));
    const status = el('td', null, 'status');
    showStatus(status, a.status, a.reason);
    const auto = el('input');
    auto.type = 'checkbox';
    auto.checked = a.autoRegenerate;
    auto.setAttribute('aria-label', 'Regenerate automatically when edited: ' + a.title);
    auto.addEventListener('change', () => setAuto(a, auto));
    row.append(
      title, el('td', a.language, 'language'), status, el('td', clock(a.durationMs), 'duration'),
      el('td', count(a.characters), 'characters'), el('td', money(a.costUsd), 'cost'), cell(auto, 'auto'),
      el('td', '…', 'plays'), el('td', '…', 'completion'),
      cell(button('Open', 'Open ' + a.title, () => openArticle(a.id)), 'open'));
    return row;
  }

  // Four at a time: a long list must not flood the service.
  async function listening(ids) {
    const queue = ids.slice();
    const next = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        let totals = null;
        try { totals = (await call(articlePath(id) + '/listening')).totals; } catch { /* shown as unknown */ }
        const row = rowOf(id);
        if (!row) continue;
        row.querySelector('.plays').textContent = totals ? count(totals.plays) : '—';
        row.querySelector('.completion').textContent = totals ? percent(totals.completionRate) : '—';
      }
    };
    await Promise.all([next(), next(), next(), next()]);
  }

  async function setAuto(a, box) {
    box.disabled = true;
    try {
      await call(articlePath(a.id) + '/auto-regenerate', { method: 'PUT', body: { enabled: box.checked } });
      a.autoRegenerate = box.checked;
      say(`Edits to “${a.title}” ${box.checked ? 'will' : 'will no longer'} render again.`);
    } catch (e) {
      box.checked = !box.checked;
      say('Not changed: ' + e.message, true);
    } finally {
      box.disabled = false;
    }
  }

  // ---- One article ----

  function openArticle(id) {
    const a = articles.find((x) => x.id === id);
    if (!a) return;
    opened = id;
    $('article').hidden = false;
    const heading = $('article-title');
    heading.textContent = a.title;
    heading.dir = 'auto';
    $('article-meta').textContent = `${a.id} · ${a.language} · ${a.published ? 'published' : 'draft'}`;
    $('regenerate').querySelector('button').disabled = !a.published;
    $('voice').value = '';
    $('regenerate-status').textContent = '';
    showPreview(id, 0);
    showScript(id);
    heading.focus();
  }

  // A plain audio element, not the public player: an editor's check must not count as a listener's play.
  async function showPreview(id, retries) {
    const box = $('preview');
    let answer;
    try {
      answer = await call(articlePath(id) + '/audio');
    } catch (e) {
      if (opened === id) box.replaceChildren(el('p', e.status === 404 ? 'No audio: the article is not published.' : 'Audio could not be loaded: ' + e.message, 'note'));
      return;
    }
    if (opened !== id) return;
    if (!answer.audio) {
      box.replaceChildren(el('p', `No audio yet (${answer.status}).`, 'note'));
      // Ready a moment before the article points at the new audio.
      if (retries > 0 && !settled.has(answer.status)) setTimeout(() => showPreview(id, retries - 1), 1000);
      return;
    }
    const audio = el('audio');
    audio.controls = true;
    audio.preload = 'none';
    audio.src = answer.audio.url;
    box.replaceChildren(audio, el('p', `Voice ${answer.audio.voice} · ${clock(answer.audio.durationMs)}`, 'note voice'));
  }

  async function showScript(id) {
    const list = $('script');
    let script;
    try {
      script = await call(articlePath(id) + '/script');
    } catch (e) {
      if (opened === id) {
        list.replaceChildren();
        $('script-summary').textContent = 'No script: ' + e.message;
      }
      return;
    }
    if (opened !== id) return;
    list.lang = script.language;
    list.dir = rightToLeft.has(script.language) ? 'rtl' : 'ltr';
    $('script-summary').textContent =
      `${script.sentences.length} sentences · ${count(script.characters)} characters · ${money(script.estimatedCostUsd)} with ${script.engine}`;
    let paragraph = null;
    list.replaceChildren(...script.sentences.map((line) => {
      const item = el('li', null, line.paragraph !== paragraph && paragraph !== null ? 'paragraph' : '');
      paragraph = line.paragraph;
      item.append(el('span', line.text, 'text'));
      if (line.spoken !== line.text) {
        item.classList.add('respelled');
        item.append(el('span', line.spoken, 'spoken'));
      }
      return item;
    }));
  }

  async function regenerate(event) {
    event.preventDefault();
    const id = opened;
    if (!id) return;
    const voice = $('voice').value.trim();
    const submit = $('regenerate').querySelector('button');
    const status = $('regenerate-status');
    submit.disabled = true;
    try {
      const accepted = await call(articlePath(id) + '/audio/regenerate', { method: 'POST', body: voice ? { voice } : {} });
      setRowStatus(id, accepted.status, null);
      status.textContent = `Regenerating${voice ? ' with ' + voice : ''}: ${accepted.status}`;
      const latest = await follow(id);
      if (latest && opened === id) {
        status.textContent = latest.status === 'ready' ? 'Ready.' : `${latest.status}${latest.reason ? ': ' + latest.reason : ''}`;
      }
    } catch (e) {
      status.textContent = 'Not regenerated: ' + e.message;
    } finally {
      submit.disabled = false;
    }
  }

  // Watches the newest rendition until it settles, then shows the new numbers and audio.
  async function follow(id) {
    for (let i = 0; i < 900; i++) {
      await sleep(1000);
      let history;
      try { history = await call(articlePath(id) + '/renditions'); } catch { continue; }
      const latest = history[history.length - 1];
      if (!latest) return null;
      setRowStatus(id, latest.status, latest.reason);
      if (opened === id) $('regenerate-status').textContent = `${latest.status}${latest.reason ? ': ' + latest.reason : ''}`;
      if (settled.has(latest.status)) {
        await loadArticles();
        if (opened === id) showPreview(id, 5);
        return latest;
      }
    }
    return null;
  }

  // ---- Lexicon ----

  const lexiconLanguage = () => $('lexicon-language').value;

  async function loadLexicon() {
    const language = lexiconLanguage();
    let entries;
    try {
      entries = await call('/api/lexicon/' + enc(language));
    } catch (e) {
      say('The lexicon could not be loaded: ' + e.message, true);
      return;
    }
    if (language !== lexiconLanguage()) return;
    $('lexicon').tBodies[0].replaceChildren(...entries.map((entry) => lexiconRow(language, entry)));
  }

  function lexiconRow(language, entry) {
    const row = el('tr');
    row.dataset.term = entry.term;
    const term = el('td', entry.term, 'term');
    const spoken = el('td', entry.spoken, 'spoken');
    term.dir = spoken.dir = 'auto';
    const actions = el('td', null, 'actions');
    actions.append(
      button('Change', 'Change ' + entry.term, () => {
        $('term').value = entry.term;
        $('spoken').value = entry.spoken;
        $('spoken').focus();
      }),
      button('Delete', 'Delete ' + entry.term, async () => {
        try {
          await call(`/api/lexicon/${enc(language)}/${enc(entry.term)}`, { method: 'DELETE' });
          say(`“${entry.term}” is read as written again.`);
        } catch (e) {
          say('Not deleted: ' + e.message, true);
        }
        await lexiconChanged();
      }));
    row.append(term, spoken, actions);
    return row;
  }

  async function saveEntry(event) {
    event.preventDefault();
    const language = lexiconLanguage();
    const term = $('term').value.trim();
    const spoken = $('spoken').value.trim();
    try {
      await call(`/api/lexicon/${enc(language)}/${enc(term)}`, { method: 'PUT', body: { spoken } });
      say(`“${term}” is now read as “${spoken}”.`);
      $('term').value = '';
      $('spoken').value = '';
    } catch (e) {
      say('Not saved: ' + e.message, true);
    }
    await lexiconChanged();
  }

  async function lexiconChanged() {
    await loadLexicon();
    if (opened) await showScript(opened);
  }

  // Played through Web Audio, so the page needs no blob: or data: media source in its policy.
  async function hear(event) {
    event.preventDefault();
    const status = $('hear-status');
    // Made while the click still counts as the editor's gesture, so the browser lets it play.
    sound = sound || new AudioContext();
    status.textContent = 'Reading…';
    try {
      const wav = await call(`/api/lexicon/${enc(lexiconLanguage())}/preview`, { method: 'POST', body: { text: $('sentence').value.trim() }, binary: true });
      const decoded = await sound.decodeAudioData(wav);
      const source = sound.createBufferSource();
      source.buffer = decoded;
      source.connect(sound.destination);
      source.start();
      status.textContent = `Playing ${decoded.duration.toFixed(1)} s`;
    } catch (e) {
      status.textContent = 'Could not read it: ' + e.message;
    }
  }

  $('refresh').addEventListener('click', loadArticles);
  $('close').addEventListener('click', () => {
    opened = null;
    $('article').hidden = true;
  });
  $('regenerate').addEventListener('submit', regenerate);
  $('lexicon-language').addEventListener('change', loadLexicon);
  $('lexicon-entry').addEventListener('submit', saveEntry);
  $('hear').addEventListener('submit', hear);
  loadArticles();
  loadLexicon();
})();
