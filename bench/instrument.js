// In-page instrumentation for bench/browser.py, added with page.add_init_script, so
// it runs in the page and in every frame (the st_folium map iframe included),
// before any of the page's own scripts. All times are performance.now() of the
// top page: one clock, no round trips to Python.
//
// Top page: window.__bench
//   arm()      remember the current map fills and ranking; the next keydown starts a sample
//   done()     both the map fills and the ranking (list or chart labels) differ from the armed ones
//   result()   key time, map/ranking change times, the last change on screen (any DOM
//              change in the page or a frame since the key), WebSocket traffic since the key
//   cold       {map, ranking, both}: first time area shapes and the ranking chart were present
// Frames: a MutationObserver calls __bench.check() in the top page on every change,
// so a map iframe that is replaced (remounted) is observed from its first paint.
(() => {
  if (window.__benchInstalled) return;
  window.__benchInstalled = true;

  // A mutation that leaves what is on screen as it was is not a change: React and
  // the slider write some attributes again with the value they already hold (the
  // sliders' aria-valuetext on every render), which a MutationObserver reports.
  const changes = (r) => {
    if (r.type === "childList") return r.addedNodes.length > 0 || r.removedNodes.length > 0;
    if (r.type === "attributes") return r.oldValue !== r.target.getAttribute(r.attributeName);
    return r.oldValue !== r.target.data; // characterData
  };

  if (window.top !== window) {
    const notify = (records) => {
      try {
        const bench = window.top.__bench;
        if (bench) bench.check(records.some(changes) ? "frame" : "hidden");
      } catch (e) {
        /* another origin: not ours to watch */
      }
    };
    new MutationObserver(notify).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeOldValue: true,
    });
    return;
  }

  const MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]';
  const RANKED = /^\d+\.\s/;
  const size = (d) => (d == null ? 0 : d.byteLength ?? d.size ?? d.length ?? 0);

  const bench = {
    armed: null,
    cold: { map: null, ranking: null, both: null },
    ws: [], // [time, bytes] of every WebSocket message received
    sent: [], // [time, bytes] of every WebSocket message sent

    fills() {
      const frame = document.querySelector(MAP_FRAME);
      if (!frame) return null;
      let doc = null;
      try {
        doc = frame.contentDocument;
      } catch (e) {
        return null;
      }
      if (!doc) return null;
      const paths = doc.querySelectorAll("path.leaflet-interactive");
      const out = new Array(paths.length);
      for (let i = 0; i < paths.length; i++) out[i] = paths[i].getAttribute("fill");
      return out;
    },

    ranking() {
      // The app's ranking list (drawn in the page), or else the chart whose y tick
      // labels read "<rank>. <name>" (the reference app; other charts have other ticks).
      const listed = Array.from(document.querySelectorAll("ol.oi-ranking .oi-name"), (e) => e.textContent);
      if (listed.length >= 3) return listed;
      for (const plot of document.querySelectorAll(".js-plotly-plot")) {
        const ranked = [];
        for (const t of plot.querySelectorAll(".ytick text")) {
          const s = t.textContent;
          if (RANKED.test(s)) ranked.push(s);
        }
        if (ranked.length >= 3) return ranked;
      }
      return null;
    },

    sliders() {
      return Array.from(document.querySelectorAll('[data-testid="stSlider"]'), (s) => {
        const input = s.querySelector('input[type="range"]');
        const thumb = s.querySelector('[role="slider"]');
        const value = input ? input.value : thumb ? thumb.getAttribute("aria-valuenow") : null;
        const disabled = input ? input.disabled : thumb?.getAttribute("aria-disabled") === "true";
        return {
          label: s.innerText.split("\n")[0],
          value: value == null ? null : Number(value),
          disabled: Boolean(disabled),
        };
      });
    },

    arm() {
      const f = bench.fills();
      const r = bench.ranking();
      bench.armed = {
        baseFills: f ? f.join("|") : null,
        baseRanking: r ? r.join("|") : null,
        n: f ? f.length : 0,
        key: null,
        keyName: null,
        map: null,
        ranking: null,
        both: null,
        frame: null,
        painted: null,
        last: null,
        wsFrom: bench.ws.length,
        sentFrom: bench.sent.length,
      };
      return { areas: f ? f.length : 0, ranked: r ? r.length : 0, distinctFills: new Set(f).size };
    },

    done() {
      return !!(bench.armed && bench.armed.both !== null);
    },

    check(source) {
      const now = performance.now();
      if (bench.cold.both === null) {
        if (bench.cold.map === null) {
          const f = bench.fills();
          if (f && f.length > 0) bench.cold.map = now;
        }
        if (bench.cold.ranking === null && bench.ranking()) bench.cold.ranking = now;
        if (bench.cold.map !== null && bench.cold.ranking !== null) bench.cold.both = now;
      }
      const a = bench.armed;
      if (!a || a.key === null) return;
      // Any change in the page or a frame: the page has settled after the last one.
      // ("hidden": nothing on screen changed: only a canvas's fallback content, which
      // is never drawn, such as the data grid's table for screen readers, updated a
      // while later, or attributes written again with the value they held.)
      if (source !== "raf" && source !== "hidden") a.last = now;
      if (a.both !== null) return;
      // A map that is rebuilt counts once all its areas are drawn again.
      if (a.map === null && source !== "main") {
        const f = bench.fills();
        if (f && f.length === a.n && f.join("|") !== a.baseFills) a.map = now;
      }
      if (a.ranking === null && source !== "frame") {
        const r = bench.ranking();
        if (r && r.length > 0 && r.join("|") !== a.baseRanking) a.ranking = now;
      }
      if (a.map !== null && a.ranking !== null) {
        a.both = Math.max(a.map, a.ranking);
        // The frame that shows it, and just after that frame's paint.
        requestAnimationFrame(() => {
          a.frame = performance.now();
          const ch = new MessageChannel();
          ch.port1.onmessage = () => {
            a.painted = performance.now();
          };
          ch.port2.postMessage(0);
        });
      }
    },

    poll() {
      const a = bench.armed;
      if (!a || a.both !== null) return;
      bench.check("raf");
      requestAnimationFrame(bench.poll);
    },

    result() {
      const a = bench.armed;
      if (!a) return null;
      return {
        key: a.key,
        keyName: a.keyName,
        map: a.map,
        ranking: a.ranking,
        both: a.both,
        frame: a.frame,
        painted: a.painted,
        last: a.last,
        areas: a.n,
        ws: bench.ws.slice(a.wsFrom),
        sent: bench.sent.slice(a.sentFrom),
      };
    },
  };
  window.__bench = bench;

  window.addEventListener(
    "keydown",
    (e) => {
      const a = bench.armed;
      if (!a || a.key !== null) return;
      a.key = performance.now();
      a.keyName = e.key;
      a.wsFrom = bench.ws.length;
      a.sentFrom = bench.sent.length;
      requestAnimationFrame(bench.poll);
    },
    true
  );

  const inCanvas = (node) => {
    const element = node.nodeType === 1 ? node : node.parentElement;
    return Boolean(element && element.closest("canvas"));
  };
  const observeMain = () =>
    new MutationObserver((records) =>
      bench.check(records.some((r) => changes(r) && !inCanvas(r.target)) ? "main" : "hidden")
    ).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
      attributeOldValue: true,
      characterDataOldValue: true,
    });
  observeMain();

  // Every WebSocket message, timed in the page before the app handles it.
  const Native = window.WebSocket;
  class TimedWebSocket extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => bench.ws.push([performance.now(), size(e.data)]));
    }
    send(data) {
      bench.sent.push([performance.now(), size(data)]);
      return super.send(data);
    }
  }
  window.WebSocket = TimedWebSocket;
})();
