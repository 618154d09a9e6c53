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
  // The service says whether a status will still change (settled, pending); the page never reads status names for it.
  const LIMIT = 100;
  let articles = [];
  let opened = null;
  let sound = null;
  // Articles whose regeneration is being asked for or followed: a second click must not ask again.
  const busy = new Set();

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
  // Resolves at once in a visible tab; in a hidden one, when it is shown again.
  const shown = () => (!document.hidden ? Promise.resolve() : new Promise((resolve) => {
    const on = () => {
      if (document.hidden) return;
      document.removeEventListener('visibilitychange', on);
      resolve();
    };
    document.addEventListener('visibilitychange', on);
  }));
  // A poll's wait: nothing is asked while the tab is hidden.
  const pause = async (ms) => { await sleep(ms); await shown(); };
  const clock = (ms) => {
    if (ms === null || ms === undefined) return '—';
    const s = Math.round(ms / 1000);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  };
  const money = (usd) => (usd === null || usd === undefined ? '—' : '$' + usd.toFixed(4));
  const count = (n) => (n === null || n === undefined ? '—' : n.toLocaleString('en'));
  const percent = (rate) => (rate === null || rate === undefined ? '—' : Math.round(rate * 100) + '%');
  const rowOf = (id) => [...$('articles').tBodies[0].rows].find((row) => row.dataset.article === id);

  // Changes the element only when what it would show differs, so a poll that learns nothing touches nothing.
  function put(target, ...nodes) {
    const next = document.createElement(target.tagName);
    next.append(...nodes);
    if (next.innerHTML !== target.innerHTML) target.replaceChildren(...next.childNodes);
  }

  function showStatus(target, status, reason) {
    put(target, el('span', status, 'state ' + (/^[a-z]+$/.test(status) ? status : '')), ...(reason ? [el('span', reason, 'reason')] : []));
  }

  function setRowStatus(id, status, reason) {
    const row = rowOf(id);
    if (!row) return;
    showStatus(row.querySelector('.status'), status, reason);
    drawn.delete(row); // the next list is drawn in full again

  }

  // ---- Articles ----

  async function loadArticles() {
    try {
      articles = await call('/api/articles?limit=' + LIMIT);
    } catch (e) {
      say('Articles could not be loaded: ' + e.message, true);
      return;
    }
    showArticles(articles);
    $('articles-empty').hidden = articles.length > 0;
    await listening();
  }

  // Rows stay and change in place, and only where the data changed: focus, selection and scroll stay where the editor left them.
  const drawn = new WeakMap();
  function showArticles(list) {
    const body = $('articles').tBodies[0];
    const listed = new Set(list.map((a) => a.id));
    [...body.rows].filter((row) => !listed.has(row.dataset.article)).forEach((row) => row.remove());
    list.forEach((a, i) => {
      const row = rowOf(a.id) || articleRow(a);
      const data = JSON.stringify(a);
      if (drawn.get(row) !== data) {
        fillRow(row, a);
        drawn.set(row, data);
      }
      if (body.rows[i] !== row) body.insertBefore(row, body.rows[i] || null);
    });
  }

  function articleRow(a) {
    const row = el('tr');
    row.dataset.article = a.id;
    const title = el('td', null, 'title');
    title.dir = 'auto';
    const auto = el('input');
    auto.type = 'checkbox';
    auto.addEventListener('change', () => setAuto(a.id, auto));
    row.append(
      title, el('td', null, 'language'), el('td', null, 'status'), el('td', null, 'duration'),
      el('td', null, 'characters'), el('td', null, 'cost'), cell(auto, 'auto'),
      el('td', '…', 'plays'), el('td', '…', 'completion'),
      cell(button('Open', '', () => openArticle(a.id)), 'open'));
    return row;
  }

  function fillRow(row, a) {
    const part = (name) => row.querySelector('.' + name);
    put(part('title'), a.title, ...(a.published ? [] : [el('span', 'draft', 'tag')]));
    put(part('language'), a.language);
    showStatus(part('status'), a.status, a.reason);
    if (a.flaggedSentences > 0) {
      part('status').append(el('span', `${a.flaggedSentences} to hear`, 'tag review'));
      label(part('status'), `${a.status}; ${a.flaggedSentences} sentence${a.flaggedSentences === 1 ? '' : 's'} flagged by verification, to hear before trusting the audio`);
    } else {
      part('status').removeAttribute('aria-label');
    }
    put(part('duration'), clock(a.durationMs));
    put(part('characters'), count(a.characters));
    put(part('cost'), money(a.costUsd));
    const auto = part('auto').querySelector('input');
    if (!auto.disabled) auto.checked = a.autoRegenerate;
    label(auto, 'Regenerate automatically when edited: ' + a.title);
    label(part('open').querySelector('button'), 'Open ' + a.title);
  }

  function label(node, text) {
    if (node.getAttribute('aria-label') !== text) node.setAttribute('aria-label', text);
  }

  // One request for every row's figures.
  async function listening() {
    let figures = [];
    try { figures = await call('/api/listening?limit=' + LIMIT); } catch { /* shown as unknown */ }
    const totals = new Map(figures.map((f) => [f.articleId, f.totals]));
    for (const row of $('articles').tBodies[0].rows) {
      const t = totals.get(row.dataset.article);
      put(row.querySelector('.plays'), t ? count(t.plays) : '—');
      put(row.querySelector('.completion'), t ? percent(t.completionRate) : '—');
    }
  }

  async function setAuto(id, box) {
    const a = articles.find((x) => x.id === id);
    if (!a) return;
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
    $('regenerate').querySelector('button').disabled = !a.published || busy.has(id);
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
      if (retries > 0 && answer.pending) pause(1000).then(() => showPreview(id, retries - 1));
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
      // Where the voice says it otherwise (numbers and dates in words, titles in full, respellings), show what it says.
      if (line.spoken !== line.text) {
        item.classList.add('said-otherwise');
        item.append(el('span', line.spoken, 'spoken'));
      }
      return item;
    }));
  }

  async function regenerate(event) {
    event.preventDefault();
    const id = opened;
    if (!id || busy.has(id)) return;
    busy.add(id);
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
      busy.delete(id);
      if (opened === id) submit.disabled = !articles.some((a) => a.id === id && a.published);
    }
  }

  // Watches the newest rendition until it settles, then shows the new numbers and audio.
  async function follow(id) {
    for (let i = 0; i < 900; i++) {
      await pause(1000);
      let history;
      try { history = await call(articlePath(id) + '/renditions'); } catch { continue; }
      const latest = history[history.length - 1];
      if (!latest) return null;
      setRowStatus(id, latest.status, latest.reason);
      if (opened === id) $('regenerate-status').textContent = `${latest.status}${latest.reason ? ': ' + latest.reason : ''}`;
      if (latest.settled) {
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
