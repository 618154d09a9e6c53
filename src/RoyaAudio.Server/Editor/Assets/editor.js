// The editors' audio desk: the articles (searched, filtered, paged) and their audio, the opened article's
// player, waveform and listening charts, regeneration with a chosen voice, the review of doubted sentences,
// and the lexicon. Everything an article or an editor wrote goes in with textContent, never as markup.
(() => {
  'use strict';
  const body = document.body;
  const root = body.dataset.root || '';
  // The page names the right-to-left editions, so no language is written into the script.
  const rightToLeft = new Set((body.dataset.rtlLanguages || '').split(' ').filter(Boolean));
  const PAGE = Number(body.dataset.pageSize) || 20;
  const SVG = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);
  const enc = encodeURIComponent;
  const articlePath = (id) => '/api/articles/' + enc(id);
  const directionOf = (language) => (rightToLeft.has(language) ? 'rtl' : 'ltr');
  // The service says whether a status will still change (settled, pending); the page never reads status names for it.
  let articles = [];
  let total = 0;
  const query = { q: '', status: '', language: '', filter: '', page: 1 };
  let listTurn = 0;
  let opened = null;
  let sound = null;
  // Articles whose regeneration is being asked for or followed: a second click must not ask again.
  const busy = new Set();

  class Problem extends Error {
    constructor(status, detail) { super(detail); this.status = status; }
  }

  // Every call carries the editor header the service asks of cookie-borne changes.
  async function call(path, { method = 'GET', body: data, binary = false, raw = false } = {}) {
    const headers = { 'X-Roya-Editor': '1', Accept: binary ? 'audio/wav' : 'application/json' };
    if (data !== undefined) headers['Content-Type'] = 'application/json';
    const answer = await fetch(root + path, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: data === undefined ? undefined : JSON.stringify(data),
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
    if (raw) return answer;
    if (answer.status === 204) return null;
    return binary ? answer.arrayBuffer() : answer.json();
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function svg(tag, attributes = {}, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function button(text, label, onClick, className) {
    const node = el('button', text, className);
    node.type = 'button';
    if (label) node.setAttribute('aria-label', label);
    node.addEventListener('click', onClick);
    return node;
  }

  function cell(child, className) {
    const td = el('td', null, className);
    td.append(child);
    return td;
  }

  function hidden(text) { return el('span', text, 'hidden-label'); }

  // The live region: every outcome an editor should hear is said here (or in the form's own status).
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
  // One rule with the player and the embed: a length rounds to the nearest second, halves up (102.85 s is 1:43);
  // a place in the audio counts the whole seconds before it, like the player's clock.
  const minutes = (s) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  const clock = (ms) => (ms === null || ms === undefined ? '—' : minutes(Math.round(ms / 1000)));
  const place = (ms) => minutes(Math.floor(Math.max(0, ms) / 1000));
  const money = (usd) => (usd === null || usd === undefined ? '—' : '$' + usd.toFixed(4));
  const count = (n) => (n === null || n === undefined ? '—' : n.toLocaleString('en'));
  const percent = (rate) => (rate === null || rate === undefined ? '—' : Math.round(rate * 100) + '%');
  const plural = (n, one, many) => `${count(n)} ${n === 1 ? one : many}`;
  const rowOf = (id) => [...$('articles').tBodies[0].rows].find((row) => row.dataset.article === id);
  const me = () => $('who-name').textContent;

  // Changes the element only when what it would show differs, so a poll that learns nothing touches nothing.
  function put(target, ...nodes) {
    const next = document.createElement(target.tagName);
    next.append(...nodes);
    if (next.innerHTML !== target.innerHTML) target.replaceChildren(...next.childNodes);
  }

  function label(node, text) {
    if (node.getAttribute('aria-label') !== text) node.setAttribute('aria-label', text);
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

  // Plays a WAV the service made (a voice's sample, a sentence with the lexicon) through Web Audio, so the
  // page needs no blob: or data: media source in its policy.
  async function playWave(path, request) {
    // Made while the click still counts as the editor's gesture, so the browser lets it play.
    sound = sound || new AudioContext();
    const wav = await call(path, { ...request, binary: true });
    const decoded = await sound.decodeAudioData(wav);
    const source = sound.createBufferSource();
    source.buffer = decoded;
    source.connect(sound.destination);
    source.start();
    return decoded.duration;
  }

  // ---- Tabs ----

  const tabs = () => [$('tab-articles'), $('tab-review')];
  function selectTab(tab, focus) {
    for (const t of tabs()) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !on;
    }
    if (focus) tab.focus();
    if (tab === $('tab-review')) loadReview();
  }

  // Arrow keys move between tabs, Home and End to the first and last (the ARIA tabs pattern).
  function tabKeys(event) {
    const all = tabs();
    const at = all.indexOf(event.currentTarget);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: all.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    selectTab(all[(to + all.length) % all.length], true);
  }

  // ---- Articles ----

  function listPath() {
    const parts = [['page', query.page], ['pageSize', PAGE]];
    for (const name of ['q', 'status', 'language', 'filter']) if (query[name]) parts.push([name, query[name]]);
    return '/api/articles?' + parts.map(([k, v]) => `${k}=${enc(v)}`).join('&');
  }

  async function loadArticles() {
    const turn = ++listTurn;
    let list;
    let counted;
    try {
      const answer = await call(listPath(), { raw: true });
      counted = Number(answer.headers.get('X-Total-Count'));
      list = await answer.json();
    } catch (e) {
      if (turn === listTurn) say('Articles could not be loaded: ' + e.message, true);
      return;
    }
    if (turn !== listTurn) return; // a newer search has been asked
    articles = list;
    total = Number.isFinite(counted) ? counted : list.length;
    showArticles(articles);
    $('articles-empty').hidden = articles.length > 0;
    showRange();
    if (articles.some((a) => !a.settled)) watchList(turn);
  }

  // While a listed render is on its way the list is asked again now and then (never while the tab is hidden).
  async function watchList(turn) {
    await pause(3000);
    if (turn === listTurn) loadArticles();
  }

  function showRange() {
    const first = total === 0 ? 0 : (query.page - 1) * PAGE + 1;
    const last = Math.min(total, (query.page - 1) * PAGE + articles.length);
    put($('range'), total === 0 ? 'No articles' : `${count(first)}–${count(last)} of ${count(total)}`);
    const prev = $('prev');
    const next = $('next');
    const hadFocus = document.activeElement;
    prev.disabled = query.page <= 1;
    next.disabled = query.page * PAGE >= total;
    // A button that just became unusable hands the focus to its neighbour instead of dropping it.
    if (hadFocus === next && next.disabled && !prev.disabled) prev.focus();
    if (hadFocus === prev && prev.disabled && !next.disabled) next.focus();
  }

  function search(event) {
    if (event) event.preventDefault();
    query.q = $('q').value.trim();
    query.status = $('filter-status').value;
    query.language = $('filter-language').value;
    query.filter = $('filter-show').value;
    query.page = 1;
    loadArticles();
  }

  function turnPage(by) {
    query.page = Math.max(1, query.page + by);
    loadArticles();
  }

  // Rows stay and change in place, and only where the data changed: focus, selection and scroll stay where the editor left them.
  const drawn = new WeakMap();
  function showArticles(list) {
    const tbody = $('articles').tBodies[0];
    const listed = new Set(list.map((a) => a.id));
    [...tbody.rows].filter((row) => !listed.has(row.dataset.article)).forEach((row) => row.remove());
    list.forEach((a, i) => {
      const row = rowOf(a.id) || articleRow(a);
      const data = JSON.stringify(a);
      if (drawn.get(row) !== data) {
        fillRow(row, a);
        drawn.set(row, data);
      }
      if (tbody.rows[i] !== row) tbody.insertBefore(row, tbody.rows[i] || null);
    });
  }

  const COLUMNS = [
    ['title', 'Title'], ['language', 'Edition'], ['status', 'Status'], ['duration', 'Duration'], ['characters', 'Characters'],
    ['cost', 'Estimated cost'], ['auto', 'Auto-regenerate'], ['plays', 'Plays'], ['completion', 'Completion'], ['open', ''],
  ];

  function articleRow(a) {
    const row = el('tr');
    row.dataset.article = a.id;
    const auto = el('input');
    auto.type = 'checkbox';
    auto.addEventListener('change', () => setAuto(a.id, auto));
    const open = button('Open', '', () => openArticle(a.id));
    for (const [name, heading] of COLUMNS) {
      const td = name === 'auto' ? cell(auto, name) : name === 'open' ? cell(open, name) : el('td', null, name);
      // Narrow screens show each row as a card, its cells named by these.
      if (heading) td.dataset.label = heading;
      row.append(td);
    }
    return row;
  }

  function fillRow(row, a) {
    const part = (name) => row.querySelector('.' + name);
    const title = part('title');
    title.lang = a.language;
    title.dir = directionOf(a.language);
    // The desk's words are English: a tag keeps its own direction inside a right-to-left title.
    const tag = (text, className) => {
      const node = el('span', text, className);
      node.dir = 'ltr';
      node.lang = 'en';
      return node;
    };
    const tags = [];
    if (!a.published) tags.push(tag('draft', 'tag'));
    if (a.reviewPending) tags.push(tag(`${a.flaggedSentences} to hear`, 'tag review'));
    if (a.audioOutdated) tags.push(tag('outdated', 'tag outdated'));
    put(title, el('span', a.title, 'name'), ...tags);
    put(part('language'), a.language);
    showStatus(part('status'), a.status, a.reason);
    const notes = [];
    if (a.reviewPending) notes.push(`${plural(a.flaggedSentences, 'sentence', 'sentences')} flagged by verification, to hear before trusting the audio`);
    if (a.audioOutdated) notes.push('the audio no longer matches the script as the lexicon reads it now');
    if (notes.length) label(part('status'), `${a.status}; ${notes.join('; ')}`);
    else part('status').removeAttribute('aria-label');
    put(part('duration'), clock(a.durationMs));
    put(part('characters'), count(a.characters));
    put(part('cost'), money(a.costUsd));
    const auto = part('auto').querySelector('input');
    if (!auto.disabled) auto.checked = a.autoRegenerate;
    label(auto, 'Regenerate automatically when edited: ' + a.title);
    put(part('plays'), count(a.plays));
    put(part('completion'), a.plays > 0 ? percent(a.completed / a.plays) : '—');
    label(part('open').querySelector('button'), 'Open ' + a.title);
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

  // An article on another page (opened from the review) is looked up by its id.
  async function findArticle(id) {
    const listed = articles.find((x) => x.id === id);
    if (listed) return listed;
    try {
      const found = await call('/api/articles?pageSize=5&q=' + enc(id));
      return found.find((x) => x.id === id) || null;
    } catch {
      return null;
    }
  }

  // ---- One article ----

  async function openArticle(id, startMs) {
    const a = await findArticle(id);
    if (!a) {
      say(`Article ${id} could not be found.`, true);
      return;
    }
    if ($('tab-articles').getAttribute('aria-selected') !== 'true') selectTab($('tab-articles'), false);
    opened = id;
    const section = $('article');
    section.hidden = false;
    section.lang = a.language;
    const heading = $('article-title');
    heading.textContent = a.title;
    heading.dir = directionOf(a.language);
    $('article-meta').textContent = `${a.id} · ${a.language} · ${a.published ? 'published' : 'draft'}`;
    $('regenerate').querySelector('button[type=submit]').disabled = !a.published || busy.has(id);
    $('regenerate-status').textContent = '';
    const preview = showPreview(id, 0);
    showWaveform(id);
    showCharts(id);
    showHistory(id);
    showScript(id).then((script) => chooseVoices(id, a.language, script ? script.engine : null, preview));
    heading.focus();
    if (startMs !== undefined) playFrom(startMs, $('preview'));
  }

  // The listeners' own player with its transcript; marked preview, so an editor's check is not counted as a play.
  async function showPreview(id, retries) {
    const box = $('preview');
    let answer;
    try {
      answer = await call(articlePath(id) + '/audio');
    } catch (e) {
      if (opened === id) box.replaceChildren(el('p', e.status === 404 ? 'No audio: the article is not published.' : 'Audio could not be loaded: ' + e.message, 'note'));
      return null;
    }
    if (opened !== id) return null;
    if (!answer.audio) {
      box.replaceChildren(el('p', `No audio yet (${answer.status}).`, 'note'));
      // Ready a moment before the article points at the new audio.
      if (retries > 0 && answer.pending) pause(1000).then(() => showPreview(id, retries - 1));
      return answer;
    }
    const current = box.querySelector('roya-listen');
    if (!current || current.dataset.url !== answer.audio.url) {
      const listen = document.createElement('roya-listen');
      listen.setAttribute('article-id', id);
      listen.setAttribute('transcript', '');
      listen.setAttribute('preview', '');
      listen.dataset.url = answer.audio.url;
      box.replaceChildren(listen, el('p', null, 'note voice'));
    }
    box.querySelector('.voice').textContent =
      `Voice ${answer.audio.voice} · ${clock(answer.audio.durationMs)}${answer.reviewPending ? ' · flagged sentences wait for review' : ''}`;
    return answer;
  }

  // The audio element the player built inside its shadow root, once it has built it.
  async function playerAudio(box) {
    for (let i = 0; i < 100; i++) {
      const listen = box.querySelector('roya-listen');
      if (listen && listen.audio) return listen.audio;
      await sleep(100);
    }
    return null;
  }

  // Seeks the product's player to a moment and plays from there.
  async function playFrom(ms, box) {
    const audio = await playerAudio(box);
    if (!audio) {
      say('The player is not ready: the audio may still be rendering.', true);
      return;
    }
    const at = Math.max(0, ms / 1000);
    const seek = () => { if (Math.abs(audio.currentTime - at) > 0.25) audio.currentTime = at; };
    audio.currentTime = at;
    if (audio.readyState < 1) audio.addEventListener('loadedmetadata', seek, { once: true });
    audio.play().then(seek).catch(() => {});
    say(`Playing from ${place(ms)}.`);
  }

  // ---- Waveform ----

  async function showWaveform(id) {
    const box = $('waveform');
    let wave;
    try {
      wave = await call(articlePath(id) + '/waveform');
    } catch (e) {
      if (opened === id) box.replaceChildren(el('p', e.status === 404 ? 'No audio to draw yet.' : 'The waveform could not be loaded: ' + e.message, 'note'));
      return;
    }
    if (opened !== id) return;
    box.replaceChildren(...waveform(wave, (ms) => playFrom(ms, $('preview'))));
  }

  function levelsOf(base64) {
    const text = atob(base64 || '');
    const levels = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) levels[i] = text.charCodeAt(i);
    return levels;
  }

  // The envelope as bars mirrored around the middle, the sentences as bands that start at a line; flagged ones
  // hatched and labelled. Each sentence is a button: a click plays from the point clicked, Enter from its start.
  function waveform(wave, play) {
    const W = 1000;
    const H = 100;
    const duration = Math.max(1, wave.durationMs);
    const levels = levelsOf(wave.levels);
    const x = (ms) => (Math.min(duration, Math.max(0, ms)) / duration) * W;
    const flagged = wave.sentences.filter((s) => s.flagged);
    const id = 'wave-' + wave.renditionId;
    const picture = svg('svg', {
      viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', class: 'wave', role: 'group',
      'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-desc`,
    });
    picture.append(
      svg('title', { id: `${id}-title` }, 'Waveform'),
      svg('desc', { id: `${id}-desc` }, `${clock(wave.durationMs)} of audio in ${plural(wave.sentences.length, 'sentence', 'sentences')}${flagged.length ? `, ${flagged.length} flagged: ${flagged.map((s) => s.index + 1).join(', ')}` : ''}.`));
    const defs = svg('defs');
    const hatch = svg('pattern', { id: `${id}-hatch`, width: 8, height: 8, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
    hatch.append(svg('rect', { width: 8, height: 8, class: 'hatch-ground' }), svg('line', { x1: 0, y1: 0, x2: 0, y2: 8, class: 'hatch-line' }));
    defs.append(hatch);
    picture.append(defs);

    const bands = svg('g', { class: 'sentences' });
    for (const s of wave.sentences) {
      const from = x(s.startMs);
      const width = Math.max(1, x(s.endMs) - from);
      const name = `Sentence ${s.index + 1}, ${place(s.startMs)} to ${place(s.endMs)}${s.flagged ? ', flagged' : ''}: play from here`;
      const band = svg('g', { class: 'sentence' + (s.flagged ? ' flagged' : ''), tabindex: 0, role: 'button', 'aria-label': name, 'data-index': s.index });
      band.append(
        svg('title', {}, name),
        svg('rect', { x: from, y: 0, width, height: H, class: 'band', fill: s.flagged ? `url(#${id}-hatch)` : 'transparent' }),
        svg('line', { x1: from, y1: 0, x2: from, y2: H, class: 'mark' }));
      band.addEventListener('click', (event) => {
        const box = picture.getBoundingClientRect();
        const ratio = box.width > 0 ? (event.clientX - box.left) / box.width : 0;
        const at = Math.min(s.endMs, Math.max(s.startMs, ratio * duration));
        play(at);
      });
      band.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          play(s.startMs);
        }
      });
      bands.append(band);
    }
    picture.append(bands);

    if (levels.length) {
      const step = W / levels.length;
      let d = '';
      levels.forEach((level, i) => {
        const half = Math.max(0.6, (Math.min(100, level) / 100) * (H / 2 - 2));
        d += `M${(i * step).toFixed(2)} ${(H / 2 - half).toFixed(2)}h${Math.max(0.4, step * 0.7).toFixed(2)}v${(half * 2).toFixed(2)}h${(-Math.max(0.4, step * 0.7)).toFixed(2)}Z`;
      });
      // Drawn over the bands, but clicks pass through to the sentence beneath.
      picture.append(svg('path', { d, class: 'envelope', 'aria-hidden': 'true' }));
    }

    const legend = el('p', null, 'legend note');
    legend.append(el('span', null, 'swatch mark-swatch'), ' sentence start  ', el('span', null, 'swatch flag-swatch'),
      flagged.length ? ` flagged (hatched, marked ⚑): sentences ${flagged.map((s) => s.index + 1).join(', ')}` : ' flagged: none');
    const flags = el('div', null, 'flags');
    // The ⚑ labels sit above the picture, so flagged sentences are told apart by more than colour and hatching.
    for (const s of flagged) {
      const flag = el('span', '⚑ ' + (s.index + 1), 'flag');
      flag.setAttribute('aria-hidden', 'true');
      flag.dataset.at = String(x(s.startMs) / W);
      flags.append(flag);
    }
    placeFlags(flags);
    const frame = el('div', null, 'wave-frame');
    frame.dir = 'ltr'; // time runs left to right in every edition, like the player's timeline
    frame.append(flags, picture);
    return levels.length ? [frame, legend] : [frame, el('p', 'No loudness was kept for this audio; the sentences are shown.', 'note'), legend];
  }

  // Positions by a class per tenth would be coarse; a CSS variable set through the CSSOM keeps the policy strict.
  function placeFlags(flags) {
    for (const flag of flags.children) flag.style.setProperty('--at', (Number(flag.dataset.at) * 100).toFixed(2) + '%');
  }

  // ---- Charts ----

  async function showCharts(id) {
    const box = $('charts');
    let report;
    try {
      report = await call(articlePath(id) + '/listening');
    } catch (e) {
      if (opened === id) box.replaceChildren(el('p', 'Listening figures could not be loaded: ' + e.message, 'note'));
      return;
    }
    if (opened !== id) return;
    box.replaceChildren(completionChart(report.totals), daysChart(report.days));
  }

  // Every render of the article, newest first; the newest ready one is what listeners hear.
  async function showHistory(id) {
    const box = $('history');
    let history;
    try {
      history = await call(articlePath(id) + '/renditions');
    } catch (e) {
      if (opened === id) box.replaceChildren(el('p', 'Versions could not be loaded: ' + e.message, 'note'));
      return;
    }
    if (opened !== id) return;
    if (!history.length) {
      box.replaceChildren(el('p', 'No render yet.', 'note'));
      return;
    }
    const onAir = [...history].reverse().find((r) => r.status === 'ready');
    const when = (t) => (t ? new Date(t).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '—');
    const rows = [...history].reverse().map((r) => [
      `#${r.id}`,
      r === onAir ? 'ready · on air' : r.status,
      when(r.finishedAt || r.createdAt),
      r.durationMs ? clock(r.durationMs) : '—',
      `${r.engine} · ${r.voice || 'default voice'}`,
      r.reason || '',
    ]);
    const t = table('Versions of this article', ['Version', 'Status', 'When', 'Length', 'Voice', 'Note'], rows);
    t.classList.remove('hidden-label');
    t.classList.add('history');
    box.replaceChildren(t);
  }

  function table(caption, headings, rows) {
    const t = el('table', null, 'hidden-label');
    t.append(el('caption', caption));
    const head = el('tr');
    headings.forEach((h) => { const th = el('th', h); th.scope = 'col'; head.append(th); });
    t.append(el('thead'), el('tbody'));
    t.tHead.append(head);
    for (const values of rows) {
      const tr = el('tr');
      values.forEach((v, i) => {
        const c = el(i === 0 ? 'th' : 'td', v);
        if (i === 0) c.scope = 'row';
        tr.append(c);
      });
      t.tBodies[0].append(tr);
    }
    return t;
  }

  // How many plays reached each quarter: the drop-off curve.
  function completionChart(t) {
    const marks = [['Played', t.plays], ['25%', t.reached25], ['50%', t.reached50], ['75%', t.reached75], ['100%', t.completed]];
    const W = 320;
    const H = 150;
    const left = 34;
    const bottom = 24;
    const top = 16;
    const most = Math.max(1, ...marks.map((m) => m[1]));
    const px = (i) => left + (i * (W - left - 16)) / (marks.length - 1);
    const py = (v) => H - bottom - (v / most) * (H - bottom - top);
    const figure = el('figure', null, 'chart');
    const caption = el('figcaption', 'How far plays got');
    const picture = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart-svg', role: 'img', 'aria-labelledby': 'completion-title completion-desc' });
    const summary = marks.map(([name, value]) => `${name}: ${count(value)}`).join(', ');
    picture.append(svg('title', { id: 'completion-title' }, 'Completion curve'), svg('desc', { id: 'completion-desc' }, summary));
    picture.append(svg('line', { x1: left, y1: H - bottom, x2: W - 8, y2: H - bottom, class: 'axis' }),
      svg('line', { x1: left, y1: top, x2: left, y2: H - bottom, class: 'axis' }),
      svg('text', { x: left - 6, y: top + 4, class: 'tick end' }, count(most)),
      svg('text', { x: left - 6, y: H - bottom + 4, class: 'tick end' }, '0'));
    picture.append(svg('polyline', { points: marks.map((m, i) => `${px(i)},${py(m[1])}`).join(' '), class: 'curve' }));
    marks.forEach(([name, value], i) => {
      picture.append(svg('circle', { cx: px(i), cy: py(value), r: 3.5, class: 'dot' }),
        svg('text', { x: px(i), y: py(value) - 8, class: 'value' }, count(value)),
        svg('text', { x: px(i), y: H - 6, class: 'tick' }, name));
    });
    figure.append(caption, picture, table('Plays reaching each mark', ['Mark', 'Plays'], marks.map(([name, value]) => [name, count(value)])));
    return figure;
  }

  // The last 30 UTC days, today last; a day without plays is a zero, drawn as a stub.
  function daysChart(days) {
    const byDay = new Map(days.map((d) => [d.day, d.plays]));
    const today = new Date();
    const series = [];
    for (let i = 29; i >= 0; i--) {
      const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i)).toISOString().slice(0, 10);
      series.push([day, byDay.get(day) || 0]);
    }
    const W = 320;
    const H = 150;
    const left = 34;
    const bottom = 24;
    const top = 16;
    const most = Math.max(1, ...series.map((s) => s[1]));
    const slot = (W - left - 8) / series.length;
    const figure = el('figure', null, 'chart');
    const caption = el('figcaption', 'Plays, last 30 days');
    const picture = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart-svg', role: 'img', 'aria-labelledby': 'days-title days-desc' });
    const played = series.filter((s) => s[1] > 0);
    picture.append(svg('title', { id: 'days-title' }, 'Plays per day'),
      svg('desc', { id: 'days-desc' }, played.length
        ? `${count(played.reduce((n, s) => n + s[1], 0))} plays in 30 days; ${played.map(([d, n]) => `${d}: ${count(n)}`).join(', ')}; no plays on the other days.`
        : 'No plays in the last 30 days.'));
    picture.append(svg('line', { x1: left, y1: H - bottom, x2: W - 4, y2: H - bottom, class: 'axis' }),
      svg('text', { x: left - 6, y: top + 4, class: 'tick end' }, count(most)),
      svg('text', { x: left - 6, y: H - bottom + 4, class: 'tick end' }, '0'),
      svg('text', { x: left, y: H - 6, class: 'tick start' }, series[0][0].slice(5)),
      svg('text', { x: W - 4, y: H - 6, class: 'tick end' }, 'today'));
    series.forEach(([day, plays], i) => {
      const height = (plays / most) * (H - bottom - top);
      const bar = svg('rect', {
        x: left + i * slot + slot * 0.15, y: H - bottom - Math.max(height, 1), width: slot * 0.7, height: Math.max(height, 1),
        class: plays > 0 ? 'bar' : 'bar zero', 'data-day': day, 'data-plays': plays,
      });
      bar.append(svg('title', {}, `${day}: ${plural(plays, 'play', 'plays')}`));
      picture.append(bar);
    });
    figure.append(caption, picture, table('Plays per day', ['Day', 'Plays'], series.map(([day, plays]) => [day, count(plays)])));
    return figure;
  }

  // ---- Script ----

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
      return null;
    }
    if (opened !== id) return null;
    list.lang = script.language;
    list.dir = directionOf(script.language);
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
    return script;
  }

  // ---- Voices and regenerating ----

  let voiceTurn = 0;
  let voiceList = null;

  // The article's engine and voice are chosen first; the voices are those the engine has for the edition, default first.
  async function chooseVoices(id, language, engine, preview) {
    const engines = $('engine');
    if (engine && [...engines.options].some((o) => o.value === engine)) engines.value = engine;
    else engines.value = body.dataset.defaultEngine || engines.options[0].value;
    const audio = (await preview) || null;
    if (opened !== id) return;
    await loadVoices(language, audio && audio.audio ? audio.audio.voice : null);
  }

  async function loadVoices(language, wanted) {
    const turn = ++voiceTurn;
    const select = $('voice');
    const engine = $('engine').value;
    select.disabled = true;
    $('hear-voice').disabled = true;
    let list;
    try {
      list = await call(`/api/voices?language=${enc(language)}&engine=${enc(engine)}`);
    } catch (e) {
      if (turn === voiceTurn) {
        select.replaceChildren();
        $('regenerate-status').textContent = 'Voices could not be loaded: ' + e.message;
      }
      return;
    }
    if (turn !== voiceTurn) return;
    voiceList = list;
    const voices = [...list.voices].sort((a, b) => (a.name === list.default ? -1 : b.name === list.default ? 1 : 0));
    select.replaceChildren(...voices.map((v) => {
      const option = el('option', v.name === list.default ? `${v.label} (default)` : v.label);
      option.value = v.name;
      return option;
    }));
    select.value = wanted && voices.some((v) => v.name === wanted) ? wanted : list.default;
    select.disabled = false;
    $('hear-voice').disabled = false;
  }

  async function hearVoice() {
    const status = $('regenerate-status');
    const name = $('voice').value;
    const voice = voiceList && voiceList.voices.find((v) => v.name === name);
    if (!voice) {
      status.textContent = 'Choose a voice first.';
      return;
    }
    sound = sound || new AudioContext();
    status.textContent = `Reading the sample of ${voice.label}…`;
    try {
      const seconds = await playWave(voice.sampleUrl.startsWith('/') ? voice.sampleUrl : '/' + voice.sampleUrl);
      status.textContent = `Playing ${voice.label}: ${seconds.toFixed(1)} s`;
    } catch (e) {
      status.textContent = 'Could not play the sample: ' + e.message;
    }
  }

  async function regenerate(event) {
    event.preventDefault();
    const id = opened;
    if (!id || busy.has(id)) return;
    const voice = $('voice').value;
    const engine = $('engine').value;
    const status = $('regenerate-status');
    const submit = $('regenerate').querySelector('button[type=submit]');
    submit.disabled = true;
    await requestRender(id, articlePath(id) + '/audio/regenerate', { voice: voice || undefined, engine }, voice ? ` with ${voice}` : '', (text) => {
      if (opened === id) status.textContent = text;
    });
    if (opened === id) submit.disabled = busy.has(id) || !articles.some((a) => a.id === id && a.published);
  }

  // Asks for a render (regenerate, re-read), then follows it until it settles; tell() hears each step.
  async function requestRender(id, path, request, what, tell) {
    if (busy.has(id)) return null;
    busy.add(id);
    try {
      const accepted = await call(path, { method: 'POST', body: request });
      setRowStatus(id, accepted.status, null);
      tell(`Regenerating${what}: ${accepted.status}`);
      const latest = await follow(id, tell);
      if (latest) tell(latest.status === 'ready' ? 'Ready.' : `${latest.status}${latest.reason ? ': ' + latest.reason : ''}`);
      return latest;
    } catch (e) {
      tell('Not regenerated: ' + e.message);
      return null;
    } finally {
      busy.delete(id);
    }
  }

  // Watches the newest rendition until it settles, then shows the new numbers and audio.
  async function follow(id, tell) {
    for (let i = 0; i < 900; i++) {
      await pause(1000);
      let history;
      try { history = await call(articlePath(id) + '/renditions'); } catch { continue; }
      const latest = history[history.length - 1];
      if (!latest) return null;
      setRowStatus(id, latest.status, latest.reason);
      tell(`${latest.status}${latest.reason ? ': ' + latest.reason : ''}`);
      if (latest.settled) {
        await loadArticles();
        if (opened === id) {
          showPreview(id, 5);
          showWaveform(id);
          showHistory(id);
        }
        return latest;
      }
    }
    return null;
  }

  // ---- Review ----

  let reviewTurn = 0;

  async function loadReview() {
    const turn = ++reviewTurn;
    let items;
    try {
      items = await call('/api/review?limit=50');
    } catch (e) {
      if (turn === reviewTurn) say('The review could not be loaded: ' + e.message, true);
      return;
    }
    if (turn !== reviewTurn) return;
    countReview(items);
    if ($('review-panel').hidden) return;
    $('review-empty').hidden = items.length > 0;
    // Items that did not change, or that the editor is working in, stay as they are: focus and what they said stay.
    const list = $('review-list');
    const keep = new Map([...list.children].map((node) => [node.dataset.key, node]));
    const next = items.map((item) => {
      const key = `${item.articleId}/${item.renditionId}`;
      const data = JSON.stringify(item);
      const old = keep.get(key);
      if (old && (old.dataset.data === data || old.contains(document.activeElement))) return old;
      const made = reviewItem(item, key);
      made.dataset.data = data;
      return made;
    });
    const wanted = new Set(next);
    [...list.children].filter((node) => !wanted.has(node)).forEach((node) => node.remove());
    next.forEach((node, i) => { if (list.children[i] !== node) list.insertBefore(node, list.children[i] || null); });
  }

  function countReview(items) {
    const waiting = items.reduce((n, item) => n + (item.sentences.length ? item.sentences.filter((s) => !s.acceptedBy).length : 1), 0);
    const badge = $('review-count');
    badge.textContent = waiting ? String(waiting) : '';
    badge.setAttribute('aria-label', waiting ? `${waiting} waiting` : 'nothing waiting');
  }

  function reviewItem(item, key) {
    const box = el('article', null, 'review-item' + (item.sentences.length ? '' : ' failed'));
    box.dataset.key = key;
    box.dataset.article = item.articleId;
    box.lang = item.language;
    const headingId = 'review-' + key.replace(/[^a-zA-Z0-9_-]/g, '-');
    const heading = el('h3', item.title);
    heading.id = headingId;
    heading.dir = directionOf(item.language);
    box.setAttribute('aria-labelledby', headingId);
    const when = new Date(item.at);
    const meta = el('p', `${item.articleId} · ${item.language} · ${item.status} · ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC`, 'note');
    meta.dir = 'ltr';
    const status = el('p', null, 'item-status');
    status.setAttribute('role', 'status');
    const tell = (text) => { status.textContent = text; };
    const actions = el('p', null, 'actions');
    actions.append(button('Open article', 'Open ' + item.title, () => openArticle(item.articleId)));
    box.append(heading, meta);
    if (!item.sentences.length) {
      box.append(el('p', 'The render failed: ' + (item.reason || 'no reason was given'), 'reason'));
      actions.append(button('Regenerate', 'Regenerate ' + item.title, async (event) => {
        event.currentTarget.disabled = true;
        await requestRender(item.articleId, articlePath(item.articleId) + '/audio/regenerate', {}, '', tell);
        loadReview();
      }));
      box.append(actions, status);
      return box;
    }
    const player = el('div', null, 'item-player');
    const list = el('ol', null, 'doubts');
    for (const sentence of item.sentences) list.append(doubt(item, sentence, player, tell));
    box.append(actions, player, list, status);
    return box;
  }

  // One doubted sentence: what it says, what the voice was sent, what transcription heard (the differences marked), and what to do.
  function doubt(item, s, player, tell) {
    const li = el('li', null, 'doubt');
    li.dataset.index = String(s.index);
    li.value = s.index + 1;
    const dir = directionOf(item.language);
    const head = el('p', `Sentence ${s.index + 1} · ${place(s.startMs)}–${place(s.endMs)}`, 'doubt-head');
    head.dir = 'ltr';
    const text = el('p', null, 'text');
    text.dir = dir;
    text.append(hidden('Text: '), s.text);
    li.append(head, text);
    const said = s.spoken || s.text;
    if (s.spoken && s.spoken !== s.text) {
      const spoken = el('p', null, 'spoken');
      spoken.dir = dir;
      spoken.append(el('span', 'Spoken: ', 'what'), s.spoken);
      li.append(spoken);
    }
    const heard = el('p', null, 'heard');
    heard.dir = dir;
    if (s.heard === null || s.heard === undefined) {
      heard.append(el('span', 'Heard: ', 'what'), el('em', 'not transcribed; only its length was judged'));
    } else {
      heard.append(el('span', 'Heard: ', 'what'), ...wordDiff(said, s.heard));
    }
    li.append(heard, el('p', s.reason, 'reason'));
    const actions = el('p', null, 'actions');
    const word = lexiconWord(said, s.heard, item.language);
    actions.append(
      button('Play from here', `Play sentence ${s.index + 1} of ${item.title} from ${place(s.startMs)}`, () => playInItem(item, player, s.startMs)),
      button('Re-read this sentence', `Re-read sentence ${s.index + 1} of ${item.title}`, async (event) => {
        event.currentTarget.disabled = true;
        const latest = await requestRender(item.articleId, `${articlePath(item.articleId)}/sentences/${s.index}/reread`, undefined, ` sentence ${s.index + 1}`, tell);
        if (latest) loadReview();
      }));
    if (s.acceptedBy) {
      actions.append(el('span', `Accepted by ${s.acceptedBy}`, 'accepted'));
    } else {
      actions.append(button('Accept', `Accept sentence ${s.index + 1} of ${item.title} as it is read`, async (event) => {
        const clicked = event.currentTarget;
        clicked.disabled = true;
        try {
          const state = await call(`${articlePath(item.articleId)}/sentences/${s.index}/accept`, { method: 'POST' });
          const done = el('span', `Accepted by ${me()}`, 'accepted');
          done.tabIndex = -1;
          clicked.replaceWith(done);
          done.focus();
          tell(`Sentence ${s.index + 1} accepted by ${me()}.${state.reviewPending ? '' : ' Nothing in this audio waits for review now.'}`);
          loadArticles();
        } catch (e) {
          clicked.disabled = false;
          tell('Not accepted: ' + e.message);
        }
      }));
    }
    actions.append(button('Add to lexicon', `Add a word of sentence ${s.index + 1} to the ${item.language} lexicon`, () => {
      const language = $('lexicon-language');
      if (language.value !== item.language) {
        language.value = item.language;
        loadLexicon();
      }
      $('term').value = word;
      $('spoken').value = '';
      $('lexicon-section').scrollIntoView({ block: 'start' });
      $('spoken').focus();
      say(`“${word}” is in the lexicon form: write how it should be read, then Save.`);
    }));
    li.append(actions);
    return li;
  }

  // The review item's own player, made on the first "Play from here"; another player on the page stops when it plays.
  async function playInItem(item, box, ms) {
    if (!box.querySelector('roya-listen')) {
      const listen = document.createElement('roya-listen');
      listen.setAttribute('article-id', item.articleId);
      listen.setAttribute('preview', '');
      box.replaceChildren(listen);
    }
    await playFrom(ms, box);
  }

  const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu;
  const norm = (word) => word.toLocaleLowerCase().replace(/[’']/g, "'").normalize('NFKC');

  // The transcript beside what was said, word by word (longest common subsequence): words said but not heard are
  // deleted, words heard but not said inserted, a run of both marked as misheard; each with a text alternative.
  function wordDiff(said, heard) {
    const a = said.match(WORD) || [];
    const b = heard.match(WORD) || [];
    const n = a.length;
    const m = b.length;
    const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i][j] = norm(a[i]) === norm(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    const parts = [];
    let i = 0;
    let j = 0;
    let missing = [];
    let extra = [];
    const flush = () => {
      if (missing.length && extra.length) {
        const mark = el('mark', null, 'misheard');
        const del = el('del');
        del.append(hidden('said: '), missing.join(' '));
        const ins = el('ins');
        ins.append(hidden(' heard as: '), extra.join(' '));
        mark.append(del, ' ', ins);
        parts.push(mark, ' ');
      } else if (missing.length) {
        const del = el('del');
        del.append(hidden('not heard: '), missing.join(' '));
        parts.push(del, ' ');
      } else if (extra.length) {
        const ins = el('ins');
        ins.append(hidden('heard but not said: '), extra.join(' '));
        parts.push(ins, ' ');
      }
      missing = [];
      extra = [];
    };
    while (i < n || j < m) {
      if (i < n && j < m && norm(a[i]) === norm(b[j])) {
        flush();
        parts.push(b[j] + ' ');
        i++;
        j++;
      } else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        extra.push(b[j++]);
      } else {
        missing.push(a[i++]);
      }
    }
    flush();
    if (!parts.length) parts.push(el('em', 'nothing'));
    return parts;
  }

  // The word to teach the lexicon: the first one said but not heard, else the sentence's longest.
  function lexiconWord(said, heard, language) {
    const words = said.match(WORD) || [];
    if (heard) {
      const got = new Set((heard.match(WORD) || []).map(norm));
      const missed = words.find((w) => !got.has(norm(w)) && !/^\p{N}+$/u.test(w));
      if (missed) return missed;
    }
    return words.reduce((longest, w) => (w.length > longest.length ? w : longest), '') || (language ? '' : '');
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
    row.lang = language;
    const term = el('td', entry.term, 'term');
    const spoken = el('td', entry.spoken, 'spoken');
    term.dir = spoken.dir = directionOf(language);
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
      const change = await call(`/api/lexicon/${enc(language)}/${enc(term)}`, { method: 'PUT', body: { spoken } });
      say(`“${term}” is now read as “${spoken}”.`);
      $('term').value = '';
      $('spoken').value = '';
      showImpact(change);
    } catch (e) {
      say('Not saved: ' + e.message, true);
    }
    await lexiconChanged();
  }

  // A saved term leaves published audio behind: say how much, and offer to render it again on the backfill queue.
  function showImpact(change) {
    const box = $('lexicon-impact');
    const n = change.affectedArticles;
    const ids = change.affectedArticleIds || [];
    box.hidden = false;
    if (!n) {
      box.replaceChildren(el('p', `No published audio says “${change.term}”: nothing to regenerate.`, 'note'));
      return;
    }
    const text = el('p', `${plural(n, 'published article uses', 'published articles use')} this term: `, 'impact-text');
    const again = button(n === 1 ? 'Regenerate it' : `Regenerate these ${count(n)}`, null, async () => {
      again.disabled = true;
      try {
        await call('/api/backfill', { method: 'POST', body: { articleIds: ids } });
        const done = el('p', `${plural(ids.length, 'article is', 'articles are')} queued to render again on the backfill queue.`, 'impact-done');
        done.setAttribute('role', 'status');
        box.replaceChildren(done);
        say(done.textContent);
        loadArticles();
      } catch (e) {
        again.disabled = false;
        say('Not queued: ' + e.message, true);
      }
    }, 'primary');
    text.append(again);
    box.replaceChildren(text);
  }

  async function lexiconChanged() {
    await loadLexicon();
    if (opened) await showScript(opened);
  }

  async function hear(event) {
    event.preventDefault();
    const status = $('hear-status');
    sound = sound || new AudioContext();
    status.textContent = 'Reading…';
    try {
      const seconds = await playWave(`/api/lexicon/${enc(lexiconLanguage())}/preview`, { method: 'POST', body: { text: $('sentence').value.trim() } });
      status.textContent = `Playing ${seconds.toFixed(1)} s`;
    } catch (e) {
      status.textContent = 'Could not read it: ' + e.message;
    }
  }

  // ---- Wiring ----

  for (const tab of tabs()) {
    tab.addEventListener('click', () => selectTab(tab, false));
    tab.addEventListener('keydown', tabKeys);
  }
  $('refresh').addEventListener('click', loadArticles);
  $('search').addEventListener('submit', search);
  for (const id of ['filter-status', 'filter-language', 'filter-show']) $(id).addEventListener('change', () => search());
  $('prev').addEventListener('click', () => turnPage(-1));
  $('next').addEventListener('click', () => turnPage(1));
  $('close').addEventListener('click', () => {
    const id = opened;
    opened = null;
    $('article').hidden = true;
    $('preview').replaceChildren();
    const back = id && rowOf(id);
    if (back) back.querySelector('.open button').focus();
  });
  $('engine').addEventListener('change', () => {
    const a = articles.find((x) => x.id === opened);
    const language = a ? a.language : $('article').lang;
    if (language) loadVoices(language, null);
  });
  $('hear-voice').addEventListener('click', hearVoice);
  $('regenerate').addEventListener('submit', regenerate);
  $('review-refresh').addEventListener('click', loadReview);
  $('lexicon-language').addEventListener('change', loadLexicon);
  $('lexicon-entry').addEventListener('submit', saveEntry);
  $('hear').addEventListener('submit', hear);
  loadArticles();
  loadLexicon();
  loadReview();
})();
