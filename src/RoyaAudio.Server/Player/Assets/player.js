// "Listen to this story": <script src="https://AUDIO-SERVICE/player.js" defer></script> once, then
// <roya-listen article-id="ID" transcript></roya-listen> (transcript optional; preview: plays are not counted, for the
// editors' desk). No dependencies, no third parties.
(() => {
  'use strict';
  if (!window.customElements || customElements.get('roya-listen')) return;
  const LABELS = "__LABELS__"; // the service puts the configured labels per language here
  const script = document.currentScript;
  const src = new URL(script ? script.src : 'player.js', location.href);
  const RATES = [1, 1.25, 1.5, 2];
  const MARKS = [25, 50, 75];

  const two = n => String(n).padStart(2, '0');
  const clock = s => {
    s = Math.max(0, Math.floor(s || 0));
    const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
    return h ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
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
      let a = null;
      try {
        const r = await fetch(new URL(`api/articles/${encodeURIComponent(id)}/audio`, src), { credentials: 'omit' });
        if (r.ok) a = await r.json();
      } catch { /* offline or refused: show nothing */ }
      if (turn !== this.turn) return;
      if (this.audio) this.audio.pause();
      this.audio = null;
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
      const f = a.audio, cues = f.sentences || [], starts = cues.map(c => c.startMs);
      const audio = this.audio = make('audio', { preload: 'none', src: f.url });
      audio.append(make('track', { kind: 'captions', src: f.captionsUrl, srclang: a.language, label: L.captions }));
      const button = (cls, label, text = '') => make('button', { type: 'button', class: cls, 'aria-label': label, title: label }, text);
      const play = button('play', L.play);
      const back = button('skip', L.back, '−15');
      const fwd = button('skip', L.forward, '+15');
      const seek = make('input', { type: 'range', class: 'seek', min: 0, max: f.durationMs / 1000, step: 'any', value: 0, 'aria-label': L.seek });
      const time = make('span', { class: 'clock', role: 'timer', 'aria-live': 'off', 'aria-label': L.elapsed }, '0:00');
      const speed = button('speed', `${L.speed}: 1×`, '1×');
      const save = make('a', { class: 'save', href: f.url, download: `${id}.mp3` }, L.download);
      // Playback controls read left to right in every language, like the timeline they move along.
      const controls = make('div', { class: 'controls', dir: 'ltr' }, play, back, seek, fwd, time, speed, save);
      const box = make('div', { class: 'roya', role: 'region', 'aria-label': `${L.listen} ${a.title}` },
        make('p', { class: 'label' }, L.listen), controls, audio, make('p', { class: 'note' }, `${L.note} ${a.disclosure}`));

      let spans = [], lit = -1, panel = null, rate = 0, sent = new Set();
      if (this.hasAttribute('transcript') && cues.length) {
        panel = make('div', { class: 'transcript', role: 'region', 'aria-label': L.transcript });
        let p = null;
        cues.forEach((c, i) => {
          if (!p || c.paragraph !== cues[i - 1].paragraph) panel.append(p = make('p'));
          p.append(spans[i] = make('span', { 'data-i': i }, c.text), ' ');
        });
        panel.addEventListener('click', e => {
          const s = e.target.closest('[data-i]');
          if (!s) return;
          audio.currentTime = cues[+s.dataset.i].startMs / 1000;
          audio.play().catch(() => {});
        });
        box.append(panel);
      }

      const total = () => (isFinite(audio.duration) && audio.duration > 0 ? audio.duration : f.durationMs / 1000);
      // One after another: the server counts a mark only once its play has arrived (beacons may overtake).
      let queue = Promise.resolve();
      const beacon = event => {
        if (sent.has(event) || this.hasAttribute('preview')) return;
        sent.add(event);
        queue = queue.then(() => fetch(new URL('api/events', src), { method: 'POST', keepalive: true, credentials: 'omit', body: JSON.stringify({ articleId: id, event, token: a.playToken }) })).catch(() => {});
      };
      const show = () => {
        const t = audio.currentTime, d = total(), on = !audio.paused;
        time.textContent = d ? `${clock(t)} / ${clock(d)}` : clock(t);
        seek.max = d;
        if (!seek.matches(':active')) seek.value = t;
        seek.setAttribute('aria-valuetext', `${clock(t)} ${L.of} ${clock(d)}`);
        play.classList.toggle('on', on);
        play.setAttribute('aria-label', on ? L.pause : L.play);
        play.title = on ? L.pause : L.play;
        // Marks count only after this page view's play (a seek while paused is not listening).
        if (on && d && sent.has('play')) MARKS.forEach(m => t / d * 100 >= m && beacon(String(m)));
        const i = t > 0 ? cueAt(starts, t * 1000 + 5) : -1;
        if (i === lit) return;
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
      const toggle = () => (audio.paused ? audio.play().catch(() => {}) : audio.pause());
      const skip = by => {
        audio.currentTime = Math.min(Math.max(0, audio.currentTime + by), total() || Infinity);
        show();
      };

      ['timeupdate', 'durationchange', 'play', 'pause', 'seeked'].forEach(e => audio.addEventListener(e, show));
      audio.addEventListener('play', () => {
        beacon('play');
        // One story at a time: another player on the page stops.
        document.querySelectorAll('roya-listen').forEach(p => p !== this && p.audio && p.audio.pause());
      });
      audio.addEventListener('ended', () => { beacon('100'); sent = new Set(); show(); });
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
      box.addEventListener('keydown', e => {
        const tag = e.target.tagName;
        if (e.key === ' ' && tag !== 'BUTTON' && tag !== 'A') {
          e.preventDefault();
          toggle();
        } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
          e.preventDefault();
          skip(e.key === 'ArrowRight' ? 5 : -5);
        }
      });
      show();
      return box;
    }
  }

  customElements.define('roya-listen', RoyaListen);
})();
