// "Listen to this story": <script src="https://AUDIO-SERVICE/player.js" defer></script> once, then
// <roya-listen article-id="ID" transcript></roya-listen>. Attributes: transcript (the sentences under the player),
// read-along="#article-body" (the sentence being read is highlighted in the page's own text; read-along-seek: a click
// there plays from it), theme="light|dark|auto", preview (plays are not counted, for the editors' desk).
// No dependencies, no third parties.
(() => {
  'use strict';
  if (!window.customElements || customElements.get('roya-listen')) return;
  const LABELS = "__LABELS__"; // the service puts the configured labels per language here
  const script = document.currentScript;
  const src = new URL(script ? script.src : 'player.js', location.href);
  const RATES = [1, 1.25, 1.5, 2];
  const MARKS = [25, 50, 75];
  const HIGHLIGHT = 'roya-current';

  const two = n => String(n).padStart(2, '0');
  const hms = s => {
    const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    return h ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
  };
  // One rule with the desk and the embed: a length rounds to the nearest second, halves up (102.85 s is 1:43);
  // the place being played counts the whole seconds gone, like any clock, and reads the length once it has ended.
  const length = s => hms(Math.max(0, Math.round(s || 0)));
  const clock = s => hms(Math.max(0, Math.floor(s || 0)));
  // "1 December 2026": the edition's month names, Latin digits, the UTC day (as the server writes it without script).
  const date = (iso, L) => {
    const d = new Date(iso);
    return isNaN(d) ? '' : `${d.getUTCDate()} ${L.months.split(',')[d.getUTCMonth()].trim()} ${d.getUTCFullYear()}`;
  };
  // Strings become text nodes and attribute values, so nothing from an article is ever parsed as markup.
  const make = (tag, attrs = {}, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    e.append(...kids);
    return e;
  };
  // The last cue starting at or before t (ms), or -1, by binary search.
  const cueAt = (starts, t) => {
    let lo = 0, hi = starts.length;
    while (lo < hi) { const m = (lo + hi) >> 1; starts[m] <= t ? lo = m + 1 : hi = m; }
    return lo - 1;
  };
  const said = new Set();
  const once = (key, write) => { if (!said.has(key)) { said.add(key); write(); } };

  // Text compared the same way in the manifest and on the page: no whitespace at all (pages break lines and
  // paragraphs anywhere), one kind of quote and dash, no zero-width or bidi marks, soft hyphens, tatweel or harakat.
  const fold = ch => {
    if (/[\s\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\u0640\u064B-\u065F\u0670]/.test(ch)) return '';
    if (/["'`\u00AB\u00BB\u2018-\u201F\u2032\u2033\u2039\u203A]/.test(ch)) return "'";
    if (/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/.test(ch)) return '-';
    return ch;
  };
  const folded = text => Array.from(text, fold).join('');

  /**
   * The manifest's sentences found in the page's own text: a Range per sentence (null where not found), looked
   * for in order, each after the previous one found, so a repeated sentence maps to its own place.
   */
  const findSentences = (container, cues) => {
    let text = '';
    const at = []; // for each folded character: its text node and offset
    const walk = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
      acceptNode: n => (n.parentElement && n.parentElement.closest('script, style, noscript, template, roya-listen') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const data = n.data;
      for (let i = 0; i < data.length; i++) {
        const ch = fold(data[i]);
        if (ch) { text += ch; at.push([n, i]); }
      }
    }
    // Where a sentence is: the whole of it, or else its opening and its close not far apart (the speech script may
    // have rewritten something in between, like a web address); the full stop the script ends a title with may be
    // missing on the page.
    const locate = (sentence, from, to) => {
      let needle = folded(sentence);
      let i = needle ? text.indexOf(needle, from) : -1;
      if (i < 0 && /[.!?؟:،,;…]$/.test(needle)) i = text.indexOf(needle = needle.slice(0, -1), from);
      if (i >= 0) return i + needle.length <= to ? [i, i + needle.length] : null;
      const k = Math.min(16, Math.floor(needle.length / 3));
      if (k < 6) return null;
      const head = text.indexOf(needle.slice(0, k), from);
      if (head < 0) return null;
      const tail = text.indexOf(needle.slice(-k), head + k);
      return tail >= 0 && tail + k <= Math.min(to, head + needle.length * 1.5 + 20) ? [head, tail + k] : null;
    };
    const rangeOf = ([i, j]) => {
      const range = document.createRange();
      range.setStart(at[i][0], at[i][1]);
      range.setEnd(at[j - 1][0], at[j - 1][1] + 1);
      return range;
    };
    const spans = cues.map(() => null);
    // The story first, each sentence after the one before; then the title (paragraph 0), only before the story
    // starts, so a title's words repeated in the story are not taken for it.
    let from = 0, start = -1;
    cues.forEach((c, n) => {
      if (c.paragraph === 0) return;
      const found = locate(c.text, from, text.length);
      if (found) { spans[n] = found; from = found[1]; if (start < 0) start = found[0]; }
    });
    from = 0;
    cues.forEach((c, n) => {
      if (c.paragraph !== 0) return;
      const found = locate(c.text, from, start < 0 ? text.length : start);
      if (found) { spans[n] = found; from = found[1]; }
    });
    return spans.map(found => found && rangeOf(found));
  };

  // The site may style ::highlight(roya-current) itself; this default sits in a layer, so any rule of the site wins.
  let highlightStyle = false;
  const ensureHighlightStyle = () => {
    if (highlightStyle || !('adoptedStyleSheets' in document) || typeof CSSStyleSheet !== 'function') return;
    highlightStyle = true;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`@layer roya-listen { ::highlight(${HIGHLIGHT}) { background-color: #ffe69c; color: #1b1d21; } }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  };

  /** Read-along in the article itself: marks the sentence being read with the CSS Custom Highlight API, no DOM change. */
  const readAlong = (host, cues, seekTo) => {
    const selector = host.getAttribute('read-along');
    if (!selector) return null;
    if (!window.CSS || !CSS.highlights || typeof Highlight !== 'function') {
      once('highlights', () => console.info('RoyaAudio: this browser cannot highlight text (CSS Custom Highlight API), so read-along is off.'));
      return null;
    }
    let container = null;
    try { container = document.querySelector(selector); } catch { /* not a selector */ }
    if (!container) {
      once('read-along:' + selector, () => console.warn(`RoyaAudio: read-along="${selector}" names no element on this page.`));
      return null;
    }
    const ranges = findSentences(container, cues);
    // The title (paragraph 0) usually stands outside the story's container: left out without a word.
    const missing = cues.filter((c, i) => !ranges[i] && c.paragraph !== 0).length;
    host.readAlong = { sentences: cues.length, found: ranges.filter(Boolean).length, missing };
    if (missing) console.info(`RoyaAudio: read-along found ${cues.length - missing} of the story's sentences in ${selector}; ${missing} could not be found and are not highlighted.`);
    ensureHighlightStyle();
    let mine = null;
    const follow = i => {
      const range = ranges[i];
      if (range) {
        mine = new Highlight(range);
        CSS.highlights.set(HIGHLIGHT, mine);
      } else if (mine && CSS.highlights.get(HIGHLIGHT) === mine) {
        CSS.highlights.delete(HIGHLIGHT);
        mine = null;
      }
    };
    let click = null;
    if (host.hasAttribute('read-along-seek')) {
      const found = ranges.map((r, i) => [r, i]).filter(([r]) => r);
      // Where the click fell in the text, then the sentence whose range holds that point (ranges are in page order).
      click = e => {
        if (e.button !== 0 || e.target.closest('a, button, input, select, textarea, label') || !document.getSelection().isCollapsed) return;
        const caret = document.caretPositionFromPoint ? document.caretPositionFromPoint(e.clientX, e.clientY) : document.caretRangeFromPoint && document.caretRangeFromPoint(e.clientX, e.clientY);
        if (!caret) return;
        const node = caret.offsetNode || caret.startContainer, offset = caret.offsetNode ? caret.offset : caret.startOffset;
        let lo = 0, hi = found.length - 1;
        while (lo <= hi) {
          const m = (lo + hi) >> 1, side = found[m][0].comparePoint(node, offset);
          if (side === 0) { seekTo(found[m][1]); return; }
          side < 0 ? hi = m - 1 : lo = m + 1;
        }
      };
      container.addEventListener('click', click);
      container.classList.add('roya-read-along-seek');
    }
    return {
      follow,
      stop() {
        follow(-1);
        if (click) container.removeEventListener('click', click);
      },
    };
  };

  /**
   * The control row any programme uses: play, ±15 s, the seek bar, the clock, speed and download. A programme
   * gives its file and the starts of its parts (sentences of a story; chapters of a bulletin), and hears which
   * part is playing through follow(i).
   */
  const controls = (audio, programme, L, hooks) => {
    // The signs and digits on the buttons (−15, +15, 1×) read the same way in every language.
    const button = (cls, label, text = '') => make('button', { type: 'button', class: cls, 'aria-label': label, title: label, ...(text && { dir: 'ltr' }) }, text);
    const play = button('play', L.play);
    const back = button('skip back', L.back, '−15');
    const fwd = button('skip forward', L.forward, '+15');
    const seek = make('input', { type: 'range', class: 'seek', min: 0, max: programme.durationMs / 1000, step: 'any', value: 0, 'aria-label': L.seek });
    // Digits and the slash read the same way in every language.
    const time = make('span', { class: 'clock', dir: 'ltr', role: 'timer', 'aria-live': 'off', 'aria-label': L.elapsed }, '0:00');
    const speed = button('speed', `${L.speed}: 1×`, '1×');
    const save = make('a', { class: 'save', href: programme.url, download: programme.download }, L.download);
    // The row follows the language: right to left in Arabic, play first on the right and the bar filling leftwards.
    const row = make('div', { class: 'controls' }, play, back, seek, fwd, time, speed, save);
    const starts = programme.starts;
    let lit = -1, rate = 0;

    const total = () => (isFinite(audio.duration) && audio.duration > 0 ? audio.duration : programme.durationMs / 1000);
    const show = () => {
      const t = audio.currentTime, d = total(), on = !audio.paused;
      const now = audio.ended ? length(d) : clock(t);
      time.textContent = d ? `${now} / ${length(d)}` : now;
      seek.max = d;
      if (!seek.matches(':active')) seek.value = t;
      seek.setAttribute('aria-valuetext', `${now} ${L.of} ${length(d)}`);
      play.classList.toggle('on', on);
      play.setAttribute('aria-label', on ? L.pause : L.play);
      play.title = on ? L.pause : L.play;
      hooks.position(t, d, on);
      const i = t > 0 ? cueAt(starts, t * 1000 + 5) : -1;
      if (i !== lit) { lit = i; hooks.follow(i); }
    };
    const toggle = () => (audio.paused ? audio.play().catch(() => {}) : audio.pause());
    const skip = by => {
      audio.currentTime = Math.min(Math.max(0, audio.currentTime + by), total() || Infinity);
      show();
    };
    const playFrom = ms => {
      audio.currentTime = ms / 1000;
      audio.play().catch(() => {});
    };

    ['timeupdate', 'durationchange', 'play', 'pause', 'seeked', 'ended'].forEach(e => audio.addEventListener(e, show));
    play.addEventListener('click', toggle);
    back.addEventListener('click', () => skip(-15));
    fwd.addEventListener('click', () => skip(15));
    seek.addEventListener('input', () => { audio.currentTime = +seek.value; show(); });
    speed.addEventListener('click', () => {
      rate = (rate + 1) % RATES.length;
      audio.playbackRate = audio.defaultPlaybackRate = RATES[rate];
      speed.textContent = `${RATES[rate]}×`;
      speed.setAttribute('aria-label', `${L.speed}: ${RATES[rate]}×`);
    });
    const keys = e => {
      const tag = e.target.tagName;
      if (e.key === ' ' && tag !== 'BUTTON' && tag !== 'A') {
        e.preventDefault();
        toggle();
      } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        e.preventDefault();
        // Forward is towards the end of the bar: leftwards when the row runs right to left.
        const forward = (e.key === 'ArrowRight') === (getComputedStyle(row).direction !== 'rtl');
        skip(forward ? 5 : -5);
      }
    };
    return { row, show, playFrom, keys };
  };

  /** The transcript panel: each sentence a span, a click plays from it, the one being read marked. */
  const transcript = (cues, L, playFrom) => {
    const panel = make('div', { class: 'transcript', role: 'region', 'aria-label': L.transcript });
    const spans = [];
    let p = null;
    cues.forEach((c, i) => {
      if (!p || c.paragraph !== cues[i - 1].paragraph) panel.append(p = make('p'));
      p.append(spans[i] = make('span', { 'data-i': i }, c.text), ' ');
    });
    panel.addEventListener('click', e => {
      const s = e.target.closest('[data-i]');
      if (s) playFrom(cues[+s.dataset.i].startMs);
    });
    let lit = -1;
    const follow = i => {
      if (spans[lit]) { spans[lit].classList.remove('on'); spans[lit].removeAttribute('aria-current'); }
      const s = spans[i];
      if (s) {
        s.classList.add('on');
        s.setAttribute('aria-current', 'true');
        // Scrolls the panel only, never the article page around it.
        if (s.offsetTop < panel.scrollTop || s.offsetTop + s.offsetHeight > panel.scrollTop + panel.clientHeight) {
          panel.scrollTop = s.offsetTop - panel.clientHeight / 3;
        }
      }
      lit = i;
    };
    return { panel, follow };
  };

  /** Tells the operator of a page the audio service refuses which setting lets it in (once per page). */
  const refused = api => {
    if (api.origin === location.origin || said.has('refused')) return;
    // A request the browser may make without CORS: if it gets through, the service is up and refused this origin.
    fetch(api, { mode: 'no-cors', credentials: 'omit' }).then(() => once('refused', () => console.error(
      `RoyaAudio: add ${location.origin} to Player:AllowedOrigins on the audio service (${api.origin}); until then it refuses this page and the player stays empty.`)), () => {});
  };

  class RoyaListen extends HTMLElement {
    static get observedAttributes() { return ['article-id']; }

    connectedCallback() {
      if (!this.shadowRoot) {
        // A shadow root keeps the article page's styles out; it also hides the no-JavaScript fallback inside.
        this.box = make('div', { class: 'shell', hidden: '' });
        const css = make('link', { rel: 'stylesheet', href: new URL('player.css' + src.search, src) });
        css.onload = css.onerror = () => this.box.removeAttribute('hidden');
        this.attachShadow({ mode: 'open' }).append(css, this.box);
      }
      this.load(0);
    }

    disconnectedCallback() {
      this.stop();
      if (this.audio) this.audio.pause();
      if (this.along) this.along.stop();
    }

    stop() {
      clearTimeout(this.timer);
      document.removeEventListener('visibilitychange', this.wake);
    }

    attributeChangedCallback(name, old, now) {
      if (this.box && old !== now) this.load(0);
    }

    async load(tries) {
      this.stop();
      const turn = this.turn = (this.turn || 0) + 1;
      const id = this.getAttribute('article-id') || '';
      const api = new URL(`api/articles/${encodeURIComponent(id)}/audio`, src);
      let a = null;
      try {
        const r = await fetch(api, { credentials: 'omit' });
        if (r.ok) a = await r.json();
      } catch {
        refused(api); // offline, or this site is not allowed: show nothing
      }
      if (turn !== this.turn) return;
      if (this.audio) this.audio.pause();
      if (this.along) this.along.stop();
      this.audio = this.along = null;
      const L = (a && LABELS[a.language]) || LABELS.en;
      this.box.lang = a ? a.language : '';
      this.box.dir = L.direction || 'auto';
      if (a && a.playable && a.audio) {
        this.box.replaceChildren(this.player(id, a, L));
      } else if (a && a.pending) {
        this.box.replaceChildren(make('p', { class: 'wait', role: 'status' }, L.preparing));
        // Asks again, less and less often (never while hidden), so the player appears once the audio is ready.
        this.wake = () => document.hidden || this.load(tries + 1);
        this.timer = setTimeout(() => (document.hidden ? document.addEventListener('visibilitychange', this.wake) : this.wake()), Math.min(300, 10 * 2 ** tries) * 1000);
      } else {
        this.box.replaceChildren(); // failed, withdrawn or unknown: no player, never a broken one
      }
    }

    player(id, a, L) {
      const f = a.audio, cues = f.sentences || [];
      const audio = this.audio = make('audio', { preload: 'none', src: f.url });
      audio.append(make('track', { kind: 'captions', src: f.captionsUrl, srclang: a.language, label: L.captions }));

      // One after another: the server counts a mark only once its play has arrived (beacons may overtake).
      let queue = Promise.resolve(), sent = new Set();
      const beacon = event => {
        if (sent.has(event) || this.hasAttribute('preview')) return;
        sent.add(event);
        queue = queue.then(() => fetch(new URL('api/events', src), { method: 'POST', keepalive: true, credentials: 'omit', body: JSON.stringify({ articleId: id, event, token: a.playToken }) })).catch(() => {});
      };

      const followers = [];
      const c = controls(audio, { url: f.url, download: `${id}.mp3`, durationMs: f.durationMs, starts: cues.map(q => q.startMs) }, L, {
        // Marks count only after this page view's play (a seek while paused is not listening).
        position: (t, d, on) => on && d && sent.has('play') && MARKS.forEach(m => t / d * 100 >= m && beacon(String(m))),
        follow: i => followers.forEach(follow => follow(i)),
      });
      const box = make('div', { class: 'roya', role: 'region', 'aria-label': `${L.listen} ${a.title}` },
        make('p', { class: 'label' }, L.listen), c.row, audio, make('p', { class: 'note' }, `${L.note} ${a.disclosure}`));
      if (a.updatedAt) {
        box.append(make('p', { class: 'updated' }, `${L.updated} `, make('time', { datetime: a.updatedAt }, date(a.updatedAt, L))));
      }
      if (this.hasAttribute('transcript') && cues.length) {
        const t = transcript(cues, L, c.playFrom);
        box.append(t.panel);
        followers.push(t.follow);
      }
      const along = this.along = cues.length ? readAlong(this, cues, i => c.playFrom(cues[i].startMs)) : null;
      if (along) followers.push(along.follow);

      audio.addEventListener('play', () => {
        beacon('play');
        // One story at a time: another player on the page stops.
        document.querySelectorAll('roya-listen').forEach(p => p !== this && p.audio && p.audio.pause());
      });
      audio.addEventListener('ended', () => { beacon('100'); sent = new Set(); });
      box.addEventListener('keydown', c.keys);
      c.show();
      return box;
    }
  }

  customElements.define('roya-listen', RoyaListen);

  // In the /embed frame: tell the page around it how tall the player is, on load and on every change, so a
  // few lines of script there can size the iframe (README). The article id tells several frames apart.
  if (window.parent !== window && document.body && document.body.classList.contains('roya-embed') && window.ResizeObserver) {
    const player = document.querySelector('roya-listen');
    const articleId = player ? player.getAttribute('article-id') : '';
    let told = 0;
    new ResizeObserver(() => {
      const height = Math.ceil(document.body.getBoundingClientRect().height);
      if (height !== told) {
        told = height;
        window.parent.postMessage({ type: 'roya-audio:height', articleId, height }, '*');
      }
    }).observe(document.body);
  }
})();
