// The figures chart: each figure over its as-of dates, one line per claimant.
// Reads the page's JSON twin (data-src) and draws it with uPlot; no inline script.
"use strict";
(function () {
  function asOfSeconds(asOf) {
    var m = /^(-?\d+)(?:-(\d{1,2}))?(?:-(\d{1,2}))?/.exec(asOf || "");
    if (!m) return null;
    return Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1) / 1000;
  }

  function seriesOf(items) {
    var byClaimant = new Map();  // one line per claimant, however the story cased them
    var labels = new Map();
    items.forEach(function (row) {
      var x = asOfSeconds(row.as_of);
      if (x === null || row.value === null) return;
      var label = row.claimant || "unattributed";
      var key = label.toLowerCase();
      if (!byClaimant.has(key)) { byClaimant.set(key, new Map()); labels.set(key, label); }
      byClaimant.get(key).set(x, row.value);
    });
    var xs = new Set();
    byClaimant.forEach(function (points) { points.forEach(function (_, x) { xs.add(x); }); });
    var sorted = Array.from(xs).sort(function (a, b) { return a - b; });
    var keys = Array.from(byClaimant.keys());
    var data = [sorted].concat(keys.map(function (key) {
      var points = byClaimant.get(key);
      return sorted.map(function (x) { return points.has(x) ? points.get(x) : null; });
    }));
    return { names: keys.map(function (key) { return labels.get(key); }), data: data };
  }

  var palette = ["#1a5fb4", "#c01c28", "#26a269", "#e66100", "#613583", "#986a44", "#0e7c86", "#5e5c64"];

  function draw(el) {
    fetch(el.dataset.src, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (page) {
        var found = seriesOf(page.items || []);
        if (!found.names.length) {
          el.textContent = "No dated figures to chart.";
          return;
        }
        var series = [{}].concat(found.names.map(function (name, i) {
          return { label: name, stroke: palette[i % palette.length], width: 2, spanGaps: true,
                   points: { show: true, size: 6 } };
        }));
        var opts = { width: Math.max(el.clientWidth, 320), height: 320, series: series,
                     scales: { x: { time: true } } };
        new uPlot(opts, found.data, el);
        el.dataset.drawn = String(found.names.length);
      })
      .catch(function (err) { el.textContent = "The chart could not be drawn: " + err; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("chart");
    if (el && window.uPlot) draw(el);
  });
})();
