/* The monitoring dashboard: charts drawn from the accessible data tables, and the choropleth of
 * the regions' progress against their targets.
 *
 * Charts. Each <div class="chart-canvas" data-chart="bar|line|progress" data-table="ID"> is drawn
 * with ECharts from the table it names: one series per `thead th[data-series]` (named by the
 * th's text), one category per `tbody tr` (its th's text), values from the `data-value` of the
 * row's `td[data-series]` (empty or not a number: no value, drawn as a gap). The table stays in
 * the page as the accessible version; the element gets data-rendered="true", or "error" when
 * ECharts is missing or fails. Canvas renderer and rich-text tooltips only: ECharts' HTML
 * tooltips write style attributes, which the CSP blocks.
 *
 * Map. <div class="map-canvas" data-regions-url data-table> colours each region of the committed
 * GeoJSON by the `percent` value of the table row with the same data-istat, and gets
 * data-loaded="true" and data-region-count="N" (regions coloured with a value), or "error".
 */
(function () {
  "use strict";

  var PALETTE = ["#0066cc", "#a66300", "#5c6f82", "#008055", "#d1344c", "#7a3f9d"];
  // Progress charts: the same series keep the same colour on every chart.
  var SERIES_COLOURS = { achieved: "#0066cc", target: "#3d4955", projected: "#a66300" };
  var TEXT = "#1a1a1a";
  var MUTED = "#404b57";
  var FONT = '"Titillium Web", Geneva, Tahoma, sans-serif';

  // Choropleth: five steps of blue by percent of the target reached, grey where there is none.
  var STEPS = [20, 40, 60, 80];
  var STEP_COLOURS = ["#d6e6f7", "#99c2eb", "#4d94db", "#0066cc", "#003d7a"];
  var NO_DATA = "#c5c7c9";

  var charts = [];

  function lang() {
    return document.documentElement.lang || "it";
  }

  function numberFormatter(options) {
    try {
      var nf = new Intl.NumberFormat(lang(), options);
      return function (value) {
        return nf.format(value);
      };
    } catch (e) {
      return function (value) {
        return String(value);
      };
    }
  }

  var formatNumber = numberFormatter({ maximumFractionDigits: 1 });
  var formatPercent = numberFormatter({ maximumFractionDigits: 0 });

  function text(node) {
    return node ? (node.textContent || "").replace(/\s+/g, " ").trim() : "";
  }

  // data-value as a number; missing, empty or not a number => null (a gap, never a zero).
  function parseValue(cell) {
    if (!cell) {
      return null;
    }
    var raw = cell.getAttribute("data-value");
    if (raw === null || raw.trim() === "") {
      return null;
    }
    var value = Number(raw);
    return isFinite(value) ? value : null;
  }

  function childrenOf(row, tagName) {
    var found = [];
    for (var i = 0; i < row.children.length; i++) {
      if (row.children[i].tagName === tagName) {
        found.push(row.children[i]);
      }
    }
    return found;
  }

  // The row's cell for a series, compared as a string (no selector built from page data).
  function seriesCell(row, key) {
    var cells = childrenOf(row, "TD");
    for (var i = 0; i < cells.length; i++) {
      if (cells[i].getAttribute("data-series") === key) {
        return cells[i];
      }
    }
    return null;
  }

  /* {categories: [...], series: [{key, name, values: [...], labels: [...]}]} from the table:
   * tbody rows only (the tfoot total is not a category). */
  function readTable(table) {
    var heads = table.querySelectorAll("thead th[data-series]");
    var rows = table.querySelectorAll("tbody > tr");
    var series = [];
    var categories = [];
    var i;
    for (i = 0; i < heads.length; i++) {
      series.push({ key: heads[i].getAttribute("data-series"), name: text(heads[i]), values: [], labels: [] });
    }
    for (i = 0; i < rows.length; i++) {
      var th = childrenOf(rows[i], "TH")[0];
      categories.push(text(th));
      for (var s = 0; s < series.length; s++) {
        var cell = seriesCell(rows[i], series[s].key);
        series[s].values.push(parseValue(cell));
        series[s].labels.push(text(cell));
      }
    }
    return { categories: categories, series: series };
  }

  // Rich text treats "{name|...}" as markup: keep braces out of text that comes from the page.
  function plain(value) {
    return String(value).replace(/[{}]/g, "");
  }

  // Tooltip lines: the category, then each series with the table's own text for the cell
  // (so a suppressed cell reads "<5", as in the table, not as an empty value).
  function tooltipFormatter(data) {
    return function (params) {
      var list = Array.isArray(params) ? params : [params];
      if (!list.length) {
        return "";
      }
      var lines = [plain(data.categories[list[0].dataIndex] || list[0].name)];
      list.forEach(function (p) {
        var serie = data.series[p.seriesIndex];
        var label = serie ? serie.labels[p.dataIndex] : "";
        if (!label) {
          label = p.value === null || p.value === undefined || p.value === "-" ? "–" : formatNumber(p.value);
        }
        lines.push((p.marker || "") + plain(p.seriesName) + ": " + plain(label));
      });
      return lines.join("\n");
    };
  }

  function horizontal(kind, data) {
    if (kind === "line") {
      return false;
    }
    var longest = 0;
    data.categories.forEach(function (c) {
      longest = Math.max(longest, c.length);
    });
    return data.categories.length > 6 || longest > 14;
  }

  function height(el, isHorizontal, data) {
    var given = el.getAttribute("data-height");
    if (given && given.trim()) {
      given = given.trim();
      return /^\d+(\.\d+)?$/.test(given) ? given + "px" : given;
    }
    if (!isHorizontal) {
      return "320px";
    }
    var perCategory = 14 + 18 * Math.max(1, data.series.length);
    var legend = data.series.length > 1 ? 32 : 0;
    return Math.max(200, 60 + legend + perCategory * data.categories.length) + "px";
  }

  function buildOption(kind, data, isHorizontal) {
    var many = data.series.length > 1;
    var series = data.series.map(function (serie, index) {
      var colour = kind === "progress" && SERIES_COLOURS[serie.key]
        ? SERIES_COLOURS[serie.key]
        : PALETTE[index % PALETTE.length];
      var item = {
        type: kind === "line" ? "line" : "bar",
        name: serie.name,
        data: serie.values.slice(),
        itemStyle: { color: colour },
        emphasis: { disabled: true }
      };
      if (kind === "line") {
        item.connectNulls = false;
        item.symbol = "circle";
        item.symbolSize = 6;
        item.lineStyle = { width: 2, color: colour };
      } else {
        item.barMaxWidth = 28;
        // Value at the end of each bar: the figures stay readable without the tooltip.
        item.label = {
          show: true,
          position: isHorizontal ? "right" : "top",
          color: TEXT,
          fontSize: 11,
          formatter: function (p) {
            // The table's own text (grouping and decimals as the page shows them).
            if (p.value === null || p.value === undefined) {
              return "";
            }
            return plain(serie.labels[p.dataIndex] || formatNumber(p.value));
          }
        };
      }
      return item;
    });
    var categoryAxis = {
      type: "category",
      data: data.categories,
      inverse: isHorizontal, // Horizontal bars read top to bottom in the table's order.
      axisTick: { alignWithLabel: true },
      axisLine: { lineStyle: { color: MUTED } },
      axisLabel: { color: MUTED, lineHeight: 14, hideOverlap: kind === "line" }
    };
    if (isHorizontal) {
      categoryAxis.axisLabel.width = 170;
      categoryAxis.axisLabel.overflow = "break";
    } else if (kind !== "line") {
      categoryAxis.axisLabel.interval = 0;
      categoryAxis.axisLabel.width = 90;
      categoryAxis.axisLabel.overflow = "break";
    }
    var valueAxis = {
      type: "value",
      axisLabel: { color: MUTED, formatter: function (v) { return formatNumber(v); } },
      splitLine: { lineStyle: { color: "#dde1e6" } }
    };
    return {
      animation: false,
      aria: { enabled: false }, // The element carries the page's own role="img" and aria-label.
      textStyle: { fontFamily: FONT, color: TEXT },
      color: PALETTE,
      legend: { show: many, top: 0, textStyle: { color: TEXT }, selectedMode: false },
      grid: { top: many ? 36 : 12, left: 8, right: isHorizontal ? 48 : 16, bottom: 8, containLabel: true },
      tooltip: {
        trigger: "axis",
        renderMode: "richText",
        backgroundColor: "#ffffff",
        borderColor: "#5c6f82",
        borderWidth: 1,
        textStyle: { color: TEXT },
        axisPointer: { type: kind === "line" ? "line" : "shadow" },
        formatter: tooltipFormatter(data)
      },
      xAxis: isHorizontal ? valueAxis : categoryAxis,
      yAxis: isHorizontal ? categoryAxis : valueAxis,
      series: series
    };
  }

  function drawChart(el) {
    if (el.getAttribute("data-rendered") === "true") {
      return;
    }
    try {
      var echarts = window.echarts;
      var table = document.getElementById(el.getAttribute("data-table") || "");
      if (!echarts || !table) {
        throw new Error("ECharts or the chart's table is missing");
      }
      var kind = el.getAttribute("data-chart") || "bar";
      if (kind !== "line" && kind !== "progress") {
        kind = "bar";
      }
      var data = readTable(table);
      if (kind === "progress") {
        // Percent columns are another unit: they stay in the table, not on the count axis.
        data.series = data.series.filter(function (serie) {
          return !/percent/.test(serie.key || "");
        });
      }
      if (!data.series.length) {
        throw new Error("No data-series column in #" + table.id);
      }
      var isHorizontal = horizontal(kind, data);
      el.style.height = height(el, isHorizontal, data);
      var chart = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(buildOption(kind, data, isHorizontal), true);
      charts.push(chart);
      if (typeof window.ResizeObserver === "function") {
        new window.ResizeObserver(function () {
          if (!chart.isDisposed()) {
            chart.resize();
          }
        }).observe(el);
      }
      el.setAttribute("data-rendered", "true");
    } catch (e) {
      el.setAttribute("data-rendered", "error");
      if (window.console) {
        window.console.warn("monitoring chart not drawn:", e && e.message ? e.message : e);
      }
    }
  }

  var resizePending = false;
  function resizeCharts() {
    if (resizePending) {
      return;
    }
    resizePending = true;
    window.requestAnimationFrame(function () {
      resizePending = false;
      charts = charts.filter(function (chart) {
        if (chart.isDisposed()) {
          return false;
        }
        if (!document.body.contains(chart.getDom())) {
          chart.dispose(); // Swapped out of the page (htmx): let it go.
          return false;
        }
        chart.resize();
        return true;
      });
    });
  }

  /* --- Choropleth of the regions -------------------------------------------------------- */

  function step(percent) {
    for (var i = 0; i < STEPS.length; i++) {
      if (percent < STEPS[i]) {
        return i;
      }
    }
    return STEPS.length;
  }

  function istat(code) {
    var s = String(code === undefined || code === null ? "" : code).trim();
    return s.length === 1 ? "0" + s : s;
  }

  // {istat: {name, percent, label}} from the rows of the progress table.
  function readProgress(table) {
    var byRegion = {};
    if (!table) {
      return byRegion;
    }
    var rows = table.querySelectorAll("tbody > tr[data-istat]");
    for (var i = 0; i < rows.length; i++) {
      var cell = seriesCell(rows[i], "percent");
      byRegion[istat(rows[i].getAttribute("data-istat"))] = {
        name: text(childrenOf(rows[i], "TH")[0]),
        percent: parseValue(cell),
        label: text(cell)
      };
    }
    return byRegion;
  }

  function tooltipNode(name, detail) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = name;
    box.appendChild(title);
    box.appendChild(document.createElement("br"));
    box.appendChild(document.createTextNode(detail));
    return box;
  }

  function legendControl(L, el) {
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var box = L.DomUtil.create("div", "leaflet-control progress-legend small");
      box.style.background = "#ffffff";
      box.style.padding = "0.4rem 0.6rem";
      box.style.border = "1px solid #c5c7c9";
      box.style.borderRadius = "4px";
      box.style.color = TEXT;
      box.style.lineHeight = "1.5";
      var title = el.getAttribute("data-label-legend");
      if (title) {
        var heading = document.createElement("div");
        heading.className = "fw-semibold";
        heading.textContent = title;
        box.appendChild(heading);
      }
      var list = document.createElement("ul");
      list.className = "list-unstyled mb-0";
      list.style.listStyle = "none";
      list.style.margin = "0";
      list.style.padding = "0";
      function entry(colour, label, dashed) {
        var item = document.createElement("li");
        var swatch = document.createElement("span");
        swatch.className = "legend-swatch";
        swatch.setAttribute("aria-hidden", "true");
        swatch.style.background = colour;
        swatch.style.borderRadius = "2px";
        swatch.style.border = dashed ? "1px dashed #5c6f82" : "1px solid #5c6f82";
        item.appendChild(swatch);
        item.appendChild(document.createTextNode(label));
        list.appendChild(item);
      }
      var pct = function (v) {
        return formatPercent(v) + "%";
      };
      entry(STEP_COLOURS[0], "< " + pct(STEPS[0]));
      for (var i = 1; i < STEPS.length; i++) {
        entry(STEP_COLOURS[i], pct(STEPS[i - 1]) + " – " + pct(STEPS[i]));
      }
      entry(STEP_COLOURS[STEPS.length], "≥ " + pct(STEPS[STEPS.length - 1]));
      entry(NO_DATA, el.getAttribute("data-label-no-data") || "–", true);
      box.appendChild(list);
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    return control;
  }

  function drawMap(el) {
    if (el.getAttribute("data-loaded") === "true" || el._approdoMap) {
      return;
    }
    var status = document.getElementById(el.getAttribute("data-status") || el.id + "-status");
    var statusLabels = status ? status.dataset : {};
    function label(name) {
      return el.dataset[name] || statusLabels[name] || "";
    }
    function fail() {
      el.setAttribute("data-loaded", "error");
      if (status) {
        status.textContent = label("labelError");
      }
    }
    var L = window.L;
    if (!L || !window.fetch) {
      fail();
      return;
    }
    var progress = readProgress(document.getElementById(el.getAttribute("data-table") || ""));
    var noData = label("labelNoData") || "–";
    if (status) {
      status.textContent = label("labelLoading");
    }
    var map;
    try {
      map = L.map(el, { zoomSnap: 0.5, minZoom: 4 });
      el._approdoMap = map;
      map.fitBounds([[35.4, 6.6], [47.1, 18.6]]);
    } catch (e) {
      fail();
      return;
    }

    fetch(el.getAttribute("data-regions-url"), {
      credentials: "same-origin",
      headers: { Accept: "application/geo+json, application/json" }
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (geojson) {
        var coloured = {};
        var withRow = L.latLngBounds([]);
        var layer = L.geoJSON(geojson, {
          style: function (feature) {
            var row = progress[istat(feature.properties && feature.properties.istat_code)];
            var hasValue = row && row.percent !== null;
            var s = hasValue ? step(row.percent) : -1;
            return {
              color: hasValue ? "#ffffff" : "#5c6f82",
              weight: 1,
              dashArray: hasValue ? null : "4 3",
              fillColor: hasValue ? STEP_COLOURS[s] : NO_DATA,
              fillOpacity: hasValue ? 0.9 : 0.6,
              className: "progress-region " + (hasValue ? "progress-step-" + s : "progress-no-data")
            };
          },
          onEachFeature: function (feature, regionLayer) {
            var props = feature.properties || {};
            var code = istat(props.istat_code);
            var row = progress[code];
            var detail = noData;
            if (row) {
              withRow.extend(regionLayer.getBounds());
              if (row.percent !== null) {
                coloured[code] = true;
                detail = row.label || formatNumber(row.percent) + "%";
              } else if (row.label) {
                detail = row.label;
              }
            }
            regionLayer.bindTooltip(tooltipNode((row && row.name) || props.name || code, detail), {
              sticky: true
            });
          }
        }).addTo(map);
        var bounds = withRow.isValid() ? withRow : layer.getBounds();
        if (bounds.isValid()) {
          map.fitBounds(bounds, { padding: [16, 16] });
        }
        legendControl(L, el).addTo(map);
        el.setAttribute("data-region-count", String(Object.keys(coloured).length));
        el.setAttribute("data-loaded", "true");
        if (status) {
          status.textContent = label("labelDone");
        }
      })
      .catch(function (e) {
        if (window.console) {
          window.console.warn("progress map not drawn:", e && e.message ? e.message : e);
        }
        fail();
      });
  }

  function init(root) {
    var scope = root && root.querySelectorAll ? root : document;
    var canvases = scope.querySelectorAll(".chart-canvas[data-chart]");
    for (var i = 0; i < canvases.length; i++) {
      drawChart(canvases[i]);
    }
    var maps = scope.querySelectorAll(".map-canvas[data-regions-url][data-table]");
    for (var j = 0; j < maps.length; j++) {
      drawMap(maps[j]);
    }
  }

  function start() {
    init(document);
    window.addEventListener("resize", resizeCharts);
    // Parts of the dashboard swapped in by htmx (filters) are drawn the same way.
    document.body.addEventListener("htmx:afterSettle", function (event) {
      init(event.target);
      resizeCharts();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  window.ApprodoMonitoring = { init: init };
})();
