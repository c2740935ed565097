// The map page's ranking and legend, redrawn in the browser the moment a
// weight slider moves (engine.js is concatenated before this file), and the
// share panel's link with its copy button.
//
// The weight sliders stay ordinary Streamlit sliders: their values travel to
// the server as always, and the rerun updates the rest of the page. This
// component watches their `value` attribute (a MutationObserver, as in
// Streamlit's own component examples), recomputes the index from the
// dimension scores it was given, redraws the ranking or the legend and, for
// the ranking part, recolours the map frame through the function that
// areaindex.views.mapview.AreaStyler defines in it (`__omradesindex.apply`).

const OI_SLIDER = (key) => `.st-key-${key} input[type="range"]`;

function oiEscape(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
  })[c]);
}

// The weights on screen: a slider's value when it is on the page, else the server's.
function oiWeights(data) {
  return data.dimensions.map((d) => {
    const input = document.querySelector(OI_SLIDER(d.slider));
    const value = input ? Number(input.value) : NaN;
    return Number.isFinite(value) ? value : d.weight;
  });
}

// The index view of areaindex.views.indexview.index_view, for one set of weights.
function oiView(data, weights) {
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return { error: data.texts.all_zero };
  const result = oiCombine(data.scores, weights, data.how, data.min_share, data.decimals);
  if (result.error) return { error: data.texts.no_index };
  const index = result.values;
  const rank = oiRank(index);
  const active = data.dimensions.map((d, j) => j).filter((j) => weights[j] > 0);
  const parts = oiContributions(data.scores, weights, index, data.how);
  const contrib = active.map((j) => Array.from(parts[j]));
  const classes = oiClassify(index, data.classes, data.k, data.palette, data.missing);
  const n = Array.from(rank).filter((r) => !Number.isNaN(r)).length;
  return { index, rank, active, contrib, classes, n };
}

function oiLegendHtml(data, view) {
  const t = data.texts;
  const rows = view.classes.bins
    .slice()
    .reverse()
    .map((b) => {
      const text = `${oiNumber(b.lower, 1, data.lang)} \u2013 ${oiNumber(b.upper, 1, data.lang)}`;
      const count = t.legend_count.replace("{n}", b.count);
      return `<li><span class="oi-swatch" aria-hidden="true" style="background:${b.colour}"></span>` +
        `<span>${oiEscape(text)} <span class="oi-muted">(${oiEscape(count)})</span></span></li>`;
    });
  if (view.classes.classes.some((c) => c < 0)) {
    rows.push(`<li><span class="oi-swatch" aria-hidden="true" style="background:${data.missing}"></span>` +
      `<span>${oiEscape(t.legend_missing)}</span></li>`);
  }
  const illustrative = view.active.some((j) => data.dimensions[j].illustrative);
  const note = illustrative ? `<p class="oi-note">${oiEscape(t.legend_note)}</p>` : "";
  return `<div class="map-legend oi-legend" role="group" aria-label="${oiEscape(t.legend_title)}">` +
    `<p class="oi-legend-title">${oiEscape(t.legend_title)}</p><ul>${rows.join("")}</ul>${note}</div>`;
}

function oiRankingHtml(data, view) {
  const t = data.texts;
  let rows = Array.from(view.rank, (r, i) => i).filter((i) => !Number.isNaN(view.index[i]));
  rows.sort((a, b) => view.rank[a] - view.rank[b] ||
    (data.names[a] < data.names[b] ? -1 : data.names[a] > data.names[b] ? 1 : 0));
  const capped = rows.length > data.max_rows;
  if (capped) rows = rows.filter((i) => view.rank[i] <= data.max_rows);
  const widest = Math.max(1e-9, ...rows.map((i) => view.index[i]));
  const keys = view.active.map((j) => {
    const d = data.dimensions[j];
    const name = d.name + (d.illustrative ? ` (${t.illustrative})` : "");
    return `<li><span class="oi-swatch${d.illustrative ? " oi-hatched" : ""}" aria-hidden="true" ` +
      `style="background-color:${d.colour}"></span>${oiEscape(name)}</li>`;
  });
  const items = rows.map((i) => {
    const rank = view.rank[i];
    const top = rank <= data.top_k;
    const parts = view.active.map((j, p) => {
      const d = data.dimensions[j];
      const value = view.contrib[p][i];
      const width = (100 * Math.max(0, value)) / widest;
      const label = `${d.name}: ${oiNumber(value, 1, data.lang)}`;
      return `<span class="oi-part${d.illustrative ? " oi-hatched" : ""}" title="${oiEscape(label)}" ` +
        `style="width:${width.toFixed(3)}%;background-color:${d.colour}"></span>`;
    });
    return `<li class="${top ? "oi-top" : ""}" data-unit="${oiEscape(data.units[i])}" data-rank="${rank}">` +
      `<span class="oi-name">${rank}. ${oiEscape(data.names[i])}</span>` +
      `<span class="oi-bar" aria-hidden="true">${parts.join("")}</span>` +
      `<span class="oi-value">${oiNumber(view.index[i], 1, data.lang)}</span></li>`;
  });
  const title = capped ? t.title_top.replace("{n}", data.max_rows) : t.title;
  // A negative part has no bar, so the bar alone would overstate the index: say so.
  const negative = rows.some((i) => view.contrib.some((c) => c[i] < 0));
  const note = negative ? `<p class="oi-note oi-negative">${oiEscape(t.negative_parts)}</p>` : "";
  // Only mention hatching when some segment is hatched.
  const hatched = view.active.some((j) => data.dimensions[j].illustrative);
  const caption = hatched ? `${t.caption} ${t.caption_hatched}` : t.caption;
  return `<p class="oi-title"><strong>${oiEscape(title)}</strong></p>` +
    `<ul class="oi-keys" aria-label="${oiEscape(t.ranking_label)}">${keys.join("")}</ul>` +
    `<ol class="oi-ranking" aria-label="${oiEscape(title)}">${items.join("")}</ol>` +
    `<p class="oi-caption">${oiEscape(caption)}</p>${note}`;
}

// Fills, tooltips and rank labels as ui.mapping.draw_map builds them.
function oiMapUpdate(data, view) {
  const t = data.texts;
  const huge = view.n > data.huge;
  const many = view.n > data.many;
  const active = huge ? [] : view.active;
  const illustrative = view.active
    .filter((j) => data.dimensions[j].illustrative)
    .map((j) => data.dimensions[j].name);
  const aliases = [t.tooltip_index, t.tooltip_rank, ...active.map((j) => data.dimensions[j].name)];
  if (data.reference) aliases.unshift(data.reference.label);
  if (illustrative.length) aliases.push(t.tooltip_illustrative);
  const approximate = view.active
    .filter((j) => data.dimensions[j].approximate)
    .map((j) => data.dimensions[j].name);
  if (approximate.length) aliases.push(t.tooltip_approximate);
  const rankOf = t.tooltip_rank_of.replace("{n}", view.n);
  const fill = {};
  const rows = {};
  const labels = [];
  data.units.forEach((unit, i) => {
    const rank = view.rank[i];
    const row = [];
    if (data.reference) row.push(data.reference.text[unit]);
    row.push(oiNumber(view.index[i], 1, data.lang));
    row.push(Number.isNaN(rank) ? "\u2013" : rankOf.replace("{rank}", rank));
    for (const j of active) row.push(oiNumber(data.scores[j][i], 1, data.lang));
    if (illustrative.length) row.push(illustrative.join(", "));
    if (approximate.length) row.push(approximate.join(", "));
    rows[unit] = row.map(oiEscape);
    fill[unit] = view.classes.colours[i];
    const point = data.points[unit];
    if (point && !Number.isNaN(rank) && (!many || rank <= 10)) {
      labels.push([point[0], point[1], String(rank), unit === data.selected]);
    }
  });
  return { fill, rows, aliases: aliases.map(oiEscape), labels };
}

function oiRecolourMap(update) {
  for (const frame of document.querySelectorAll("iframe")) {
    try {
      const api = frame.contentWindow && frame.contentWindow.__omradesindex;
      if (api && typeof api.apply === "function") api.apply(update);
    } catch (err) {
      // A frame from another origin: not ours.
    }
  }
}

// The ranking part publishes each view; the legend part (mounted with no data
// of its own, so the scores travel once) draws the legend from it.
const OI_BUS = (window.__oiLiveBus = window.__oiLiveBus || { target: new EventTarget(), last: null });
// Large weight-independent data (all of Sweden) is a static file, fetched once.
const OI_SOURCES = (window.__oiLiveSources = window.__oiLiveSources || new Map());

function oiPublish(data, view) {
  OI_BUS.last = { data, view };
  OI_BUS.target.dispatchEvent(new Event("view"));
}

// Replace a part's HTML only when it changes: a rerun that brings the view
// already drawn leaves the page as it is (nothing to lay out or paint again).
function oiSetHtml(state, html) {
  if (state.html === html) return;
  state.html = html;
  state.root.innerHTML = html;
}

function oiDrawLegend(state) {
  const last = OI_BUS.last;
  oiSetHtml(state, !last || last.view.error ? "" : oiLegendHtml(last.data, last.view));
}

function oiDraw(state) {
  const { data } = state;
  const weights = oiWeights(data);
  const signature = weights.join(",");
  if (signature === state.drawn) return;
  state.drawn = signature;
  const view = oiView(data, weights);
  oiPublish(data, view);
  if (view.error) {
    oiSetHtml(state, `<p class="oi-notice">${oiEscape(view.error)}</p>`);
    return;
  }
  oiSetHtml(state, oiRankingHtml(data, view));
  state.root.dataset.weights = signature;
  // The reference layer keeps its own fills; the tooltips' index and rank and the
  // rank labels still follow the weights (the server no longer resends the map
  // when only the weights change).
  const update = oiMapUpdate(data, view);
  if (!data.recolour_map) delete update.fill;
  oiRecolourMap(update);
}

function oiLoad(data) {
  if (!data.source) return Promise.resolve(data);
  if (!OI_SOURCES.has(data.source)) {
    OI_SOURCES.set(data.source, fetch(data.source).then((r) => r.json()));
  }
  return OI_SOURCES.get(data.source).then((big) => Object.assign({}, data, big));
}

// The share part: the view's link, and a button that copies it. The link is
// the page's own address, which the server keeps in step with the view (and
// which is right behind a reverse proxy, where the server's idea may not be).
function oiShareHtml(data) {
  const t = data.texts;
  return `<input class="oi-share-url" type="text" readonly value="${oiEscape(window.location.href)}" ` +
    `aria-label="${oiEscape(t.link_label)}">` +
    `<button type="button" class="oi-share-copy">${oiEscape(t.copy)}</button>` +
    `<p class="oi-share-status" role="status" aria-live="polite"></p>` +
    (data.download
      ? `<button type="button" class="oi-share-download">${oiEscape(data.download.label)}</button>`
      : "");
}

// A public method's text around its weights, fetched once per method (a static
// file; the panel asks for it when drawn, so a click finds it here).
const OI_TEMPLATES = new Map();

function oiTemplate(url) {
  if (!OI_TEMPLATES.has(url)) OI_TEMPLATES.set(url, fetch(url).then((r) => r.json()));
  return OI_TEMPLATES.get(url);
}

// The file's text: as sent, or the method's parts joined with the weights as
// the server wrote them (parts[0] + values[0] + parts[1] + ... + parts[n]).
function oiFileText(file) {
  if (file.text !== undefined) return Promise.resolve(file.text);
  return oiTemplate(file.template).then((parts) =>
    parts.map((part, i) => (i < file.values.length ? part + file.values[i] : part)).join(""));
}

// A file the page holds (the view's method file), saved without asking the
// server for it: nothing on the server can have dropped it before the click.
function oiSaveFile(file) {
  oiFileText(file).then((text) => oiSaveText(file, text));
}

function oiSaveText(file, text) {
  const url = URL.createObjectURL(new Blob([text], { type: file.mime }));
  const link = document.createElement("a");
  link.href = url;
  link.download = file.file_name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function oiCopyLink(root, data) {
  const input = root.querySelector(".oi-share-url");
  const status = root.querySelector(".oi-share-status");
  input.value = window.location.href;
  const done = () => { status.textContent = data.texts.copied; };
  const manual = () => {
    input.focus();
    input.select();
    // Without the asynchronous clipboard (a page not served over https), the
    // selection and the older copy command remain.
    status.textContent = document.execCommand && document.execCommand("copy")
      ? data.texts.copied : data.texts.copy_manual;
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(input.value).then(done, manual);
  } else {
    manual();
  }
}

function oiDrawShare(state, data) {
  // The buttons read the newest data; a rerun with the same texts only brings
  // a new method file (and the link, read from the address bar), so the panel
  // is built once and then left alone.
  state.share = data;
  if (data.download && data.download.template) oiTemplate(data.download.template);
  const html = oiShareHtml(data);
  const frame = html.replace(/ value="[^"]*"/, "");
  if (state.shareFrame === frame) {
    const input = state.root.querySelector(".oi-share-url");
    // The field's value, not its attribute: no change to the page's markup.
    if (input && document.activeElement !== input) input.value = window.location.href;
    return;
  }
  state.shareFrame = frame;
  state.root.innerHTML = html;
  state.root.querySelector(".oi-share-url").addEventListener("focus", (e) => {
    e.target.value = window.location.href;
    e.target.select();
  });
  state.root.querySelector(".oi-share-copy").addEventListener("click", () => oiCopyLink(state.root, state.share));
  const save = state.root.querySelector(".oi-share-download");
  if (save) save.addEventListener("click", () => oiSaveFile(state.share.download));
}

// What a rerun's data says apart from the weights (which the sliders give).
function oiDataKey(data) {
  return JSON.stringify(Object.assign({}, data, {
    dimensions: data.dimensions.map((d) => Object.assign({}, d, { weight: null })),
  }));
}

function oiMount(component) {
  const { data, parentElement } = component;
  let state = parentElement.__oiLive;
  if (!state) {
    const root = document.createElement("div");
    state = parentElement.__oiLive = { root };
    parentElement.appendChild(root);
  }
  const className = `oi-live oi-part-${data.part}${data.large ? " oi-large" : ""}`;
  if (state.root.className !== className) state.root.className = className;
  // Called again on every rerun: one listener at a time.
  if (state.stop) state.stop();
  if (data.part === "share") {
    oiDrawShare(state, data);
    state.stop = null;
    return undefined;
  }
  if (data.part === "legend") {
    const onView = () => {
      if (!state.root.isConnected) return state.stop();
      oiDrawLegend(state);
    };
    OI_BUS.target.addEventListener("view", onView);
    state.stop = () => OI_BUS.target.removeEventListener("view", onView);
    oiDrawLegend(state);
    return state.stop;
  }
  const selector = data.dimensions.map((d) => OI_SLIDER(d.slider)).join(",");
  const observer = new MutationObserver((records) => {
    if (!state.root.isConnected) return state.stop();
    if (state.data && records.some((r) => r.target.matches && r.target.matches(selector))) {
      oiDraw(state);
    }
  });
  observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ["value"] });
  state.stop = () => observer.disconnect();
  const ticket = (state.ticket = (state.ticket || 0) + 1);
  const key = oiDataKey(data);
  oiLoad(data).then((full) => {
    if (ticket !== state.ticket) return; // a newer rerun's data is on its way
    state.data = full;
    // The same data as drawn (a slider move's rerun): only new weights redraw.
    if (state.key !== key) state.drawn = null;
    state.key = key;
    oiDraw(state);
  });
  return state.stop;
}
