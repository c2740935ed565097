// The index engine of the `areaindex` package, in the browser: weighted
// combination of dimension scores, contributions, ranks, map classes and
// number format.
//
// Why it exists: a slider move must recolour the map and reorder the ranking
// at once, before Streamlit's rerun reaches the browser. Every function here
// mirrors a Python function and is checked against it to the last bit (or the
// last ulp, for logarithms) by tests/test_live_engine.py:
//   oiAggregate        areaindex.index.combine.aggregate_many (one weight vector)
//   oiRoundHalfUp      areaindex.rounding.round_half_up
//   oiCombine          areaindex.index.index_rules.combine_many (aggregate, then decimals)
//   oiContributions    areaindex.index.index_rules.contributions
//   oiRank             areaindex.index.index_rules.rank_descending
//   oiQuantileClasses  areaindex.views.classify.quantile_classes
//   oiFisherJenks      mapclassify.FisherJenks (float32 arithmetic, as there)
//   oiClassify         areaindex.views.classify.classify
//   oiNumber           areaindex.i18n.number (half away from zero, on the decimal)
// Plain functions with an `oi` prefix, no modules: the component concatenates
// this file with its own code, and the tests load it into a blank page.

const OI_SHARE_SLACK = 1e-12;

function oiMissing(x) {
  return x === null || x === undefined || Number.isNaN(x);
}

// columns: one array per input (null = missing); weights: one per input.
// Returns {values: Float64Array (NaN = missing), error: null | {input, row}}.
function oiAggregate(columns, weights, how, minShare) {
  const m = columns.length;
  const n = m ? columns[0].length : 0;
  let total = 0;
  for (let j = 0; j < m; j++) total += weights[j];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let present = 0;
    let weighted = 0;
    let logs = 0;
    let complete = true;
    for (let j = 0; j < m; j++) {
      const x = columns[j][i];
      if (oiMissing(x)) {
        complete = false;
        continue;
      }
      present += weights[j];
      if (how === "geometric_mean") {
        if (x <= 0 && weights[j] > 0) return { values: out, error: { input: j, row: i } };
        logs += (x > 0 ? Math.log(x) : 0) * weights[j];
      } else {
        weighted += x * weights[j];
      }
    }
    let value;
    if (how === "geometric_mean") value = Math.exp(logs / present);
    else if (how === "mean") value = weighted / present;
    else value = complete ? weighted : weighted * (total / present);
    const share = present / total;
    out[i] = share < minShare - OI_SHARE_SLACK || present <= 0 ? NaN : value;
  }
  return { values: out, error: null };
}

// The method's decimals: the index as `score` writes it, shown and ranked.
function oiCombine(columns, weights, how, minShare, decimals) {
  const result = oiAggregate(columns, weights, how, minShare);
  if (result.error || decimals === null || decimals === undefined) return result;
  return { values: result.values.map((x) => oiRoundHalfUp(x, decimals)), error: null };
}

// Each input's part of `index`, adding up to it: the index split in
// proportion to w*s (mean, sum) or w*ln(s) (geometric mean); by weight when
// those terms add up to zero. Returns one Float64Array per input.
function oiContributions(columns, weights, index, how) {
  const m = columns.length;
  const n = index.length;
  const out = Array.from({ length: m }, () => new Float64Array(n));
  const terms = new Float64Array(m);
  const used = new Array(m);
  for (let i = 0; i < n; i++) {
    let termSum = 0;
    let weightSum = 0;
    for (let j = 0; j < m; j++) {
      const x = columns[j][i];
      used[j] = !oiMissing(x) && weights[j] > 0;
      terms[j] = used[j] ? weights[j] * (how === "geometric_mean" ? Math.log(x) : x) : 0;
      termSum += terms[j];
      weightSum += used[j] ? weights[j] : 0;
    }
    for (let j = 0; j < m; j++) {
      if (Number.isNaN(index[i])) out[j][i] = NaN;
      else if (!used[j]) out[j][i] = 0;
      else out[j][i] = index[i] * (termSum !== 0 ? terms[j] / termSum : weights[j] / weightSum);
    }
  }
  return out;
}

// 1 = highest; equal values share the lowest number; NaN stays NaN.
function oiRank(values) {
  const order = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) order.push(i);
  order.sort((a, b) => values[b] - values[a]);
  const ranks = new Float64Array(values.length).fill(NaN);
  for (let p = 0; p < order.length; p++) {
    const i = order[p];
    ranks[i] = p > 0 && values[order[p - 1]] === values[i] ? ranks[order[p - 1]] : p + 1;
  }
  return ranks;
}

function oiSearchsortedLeft(bounds, x) {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function oiUniqueSorted(values) {
  const sorted = Float64Array.from(values).sort();
  const out = [];
  for (const v of sorted) if (!out.length || out[out.length - 1] !== v) out.push(v);
  return out;
}

// SciPy's scoreatpercentile, as mapclassify.Quantiles uses it.
function oiScoreAtPercentile(ordered, percent) {
  const idx = (percent / 100) * (ordered.length - 1);
  const i = Math.trunc(idx);
  if (i === idx) return ordered[i];
  const w0 = i + 1 - idx;
  const w1 = idx - i;
  return (ordered[i] * w0 + ordered[i + 1] * w1) / (w0 + w1);
}

// numpy.arange(start, stop, step) for positive steps.
function oiArange(start, stop, step) {
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const delta = start + step - start;
  const out = [];
  for (let i = 0; i < n; i++) out.push(start + i * delta);
  return out;
}

function oiQuantileClasses(values, k) {
  const step = 100 / k;
  const percents = oiArange(step, 100 + step, step);
  percents[percents.length - 1] = Math.min(percents[percents.length - 1], 100);
  const ordered = Float64Array.from(values).sort();
  const bounds = oiUniqueSorted(percents.map((p) => oiScoreAtPercentile(ordered, p)));
  return { classes: Array.from(values, (v) => oiSearchsortedLeft(bounds, v)), bounds };
}

// mapclassify's _fisher_jenks_means in its float32 arithmetic.
function oiFisherJenks(values, k) {
  const f = Math.fround;
  const x = Float64Array.from(values).sort();
  const n = x.length;
  const mat1 = Array.from({ length: n + 1 }, () => new Int32Array(k + 1));
  const mat2 = Array.from({ length: n + 1 }, () => new Float32Array(k + 1));
  for (let j = 1; j <= k; j++) mat1[1][j] = 1;
  for (let l = 2; l <= n; l++) for (let j = 1; j <= k; j++) mat2[l][j] = Infinity;
  let v = 0;
  for (let l = 2; l <= n; l++) {
    let s1 = 0;
    let s2 = 0;
    let w = 0;
    for (let m = 1; m <= l; m++) {
      const i3 = l - m + 1;
      const val = f(x[i3 - 1]);
      s2 = f(s2 + f(val * val));
      s1 = f(s1 + val);
      w = f(w + 1);
      v = f(s2 - f(f(s1 * s1) / w));
      const i4 = i3 - 1;
      if (i4 !== 0) {
        for (let j = 2; j <= k; j++) {
          const candidate = f(v + mat2[i4][j - 1]);
          if (mat2[l][j] >= candidate) {
            mat1[l][j] = i3;
            mat2[l][j] = candidate;
          }
        }
      }
    }
    mat1[l][1] = 1;
    mat2[l][1] = v;
  }
  const kclass = new Float64Array(k + 1);
  kclass[k] = x[n - 1];
  kclass[0] = x[0];
  let row = n;
  for (let c = k; c > 1; c--) {
    const pivot = mat1[row][c];
    kclass[c - 1] = x[pivot - 2];
    row = pivot - 1;
  }
  const bounds = Array.from(kclass.slice(1));
  return { classes: Array.from(values, (val) => oiSearchsortedLeft(bounds, val)), bounds };
}

// Classes, colours and legend bins of areaindex.views.classify.classify.
function oiClassify(values, method, k, palette, missingColour) {
  const n = values.length;
  const valid = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i])) valid.push(i);
  const classes = new Array(n).fill(-1);
  const colours = new Array(n).fill(missingColour);
  const distinct = new Set(valid.map((i) => values[i])).size;
  if (distinct === 0) return { classes, colours, bins: [] };
  const kk = Math.max(1, Math.min(k, distinct));
  const x = valid.map((i) => values[i]);
  let yb;
  let uppers;
  if (kk === 1) {
    yb = x.map(() => 0);
    uppers = [Math.max(...x)];
  } else {
    const model = method === "quantiles" ? oiQuantileClasses(x, kk) : oiFisherJenks(x, kk);
    yb = model.classes;
    uppers = model.bounds;
  }
  const used = Array.from(new Set(yb)).sort((a, b) => a - b);
  const spread = Math.max(1, used.length - 1);
  const paletteIndex = new Map(
    used.map((c, i) => [c, Math.round((i * (palette.length - 1)) / spread)]),
  );
  const maxValid = Math.max(...x);
  valid.forEach((unit, p) => {
    classes[unit] = used.indexOf(yb[p]);
    colours[unit] = palette[paletteIndex.get(yb[p])];
  });
  const bins = used.map((c) => {
    const members = x.filter((_, p) => yb[p] === c);
    const upper = c < uppers.length ? uppers[c] : Math.max(...members);
    return {
      colour: palette[paletteIndex.get(c)],
      lower: Math.min(...members),
      upper: Math.min(upper, maxValid),
      count: members.length,
    };
  });
  return { classes, colours, bins };
}

// The shortest decimal that reads back as x (what Python's repr shows), as
// digits and the position of the decimal point among them.
function oiDecimal(x) {
  const [mantissa, exponent] = Math.abs(x).toString().split("e");
  const [whole, fraction = ""] = mantissa.split(".");
  return { digits: whole + fraction, point: whole.length + (exponent ? Number(exponent) : 0) };
}

// |x| rounded half-up on its decimal value: [whole digits, fraction digits].
function oiRoundDecimal(x, decimals) {
  let { digits, point } = oiDecimal(x);
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  const need = point + decimals + 1;
  if (digits.length < need) digits += "0".repeat(need - digits.length);
  const kept = BigInt(digits.slice(0, point + decimals) || "0");
  const rounded = (kept + (digits[point + decimals] >= "5" ? 1n : 0n))
    .toString()
    .padStart(decimals + 1, "0");
  return [rounded.slice(0, rounded.length - decimals), rounded.slice(rounded.length - decimals)];
}

// areaindex.rounding.round_half_up for one number: halves away from zero, never -0.
function oiRoundHalfUp(x, decimals) {
  if (!Number.isFinite(x)) return x;
  const [whole, fraction] = oiRoundDecimal(x, decimals);
  const value = Number(fraction ? `${whole}.${fraction}` : whole);
  return (x < 0 ? -value : value) + 0;
}

// areaindex.i18n.number: half away from zero on the decimal, Swedish or English separators.
function oiNumber(x, decimals, lang) {
  if (oiMissing(x)) return "\u2013";
  const [whole, fraction] = oiRoundDecimal(x, decimals);
  const rounded = whole + fraction;
  const sv = lang !== "en";
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sv ? "\u00a0" : ",");
  const sign = x < 0 && /[1-9]/.test(rounded) ? "-" : "";
  return sign + grouped + (decimals > 0 ? (sv ? "," : ".") + fraction : "");
}
