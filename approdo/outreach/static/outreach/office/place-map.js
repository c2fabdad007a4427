/* The outreach place map: one circle per place, sized and coloured by the people met in the
 * chosen period (30 or 90 days).
 *
 * Everything comes from data-* attributes on #place-map (no inline scripts under the CSP).
 * Tiles are optional: without data-tile-url the map shows region boundaries only, so it works
 * with no tile server reachable. Colours are read from the legend swatches (map.css). When the
 * markers are drawn the map gets data-loaded="true" and data-marker-count="N".
 */
(function () {
  "use strict";

  var ITALY = [[35.4, 6.6], [47.1, 18.6]];
  var MANY = 50;

  function swatchColour(selector, fallback) {
    var swatch = document.querySelector(selector);
    if (!swatch) {
      return fallback;
    }
    var colour = window.getComputedStyle(swatch).backgroundColor;
    return colour && colour !== "rgba(0, 0, 0, 0)" ? colour : fallback;
  }

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json, application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status + " for " + url);
        }
        return response.json();
      });
  }

  function line(box, label, value) {
    box.appendChild(document.createElement("br"));
    box.appendChild(document.createTextNode(label + ": " + value));
  }

  // Popup content built as DOM nodes: names come from users, never from HTML strings.
  function popupContent(props, labels) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = props.name;
    box.appendChild(title);
    box.appendChild(document.createElement("br"));
    box.appendChild(document.createTextNode(props.municipality + " · " + props.kind_label));
    var last = props.last_session
      ? new Date(props.last_session + "T00:00:00").toLocaleDateString(document.documentElement.lang || "it")
      : labels.labelNever;
    line(box, labels.labelLast, last);
    line(box, labels.labelSessions, String(props.sessions));
    line(box, labels.labelPeople, String(props.people));
    box.appendChild(document.createElement("br"));
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = labels.labelOpen;
    box.appendChild(link);
    return box;
  }

  function setStatus(text) {
    var status = document.getElementById("place-map-status");
    if (status) {
      status.textContent = text;
    }
  }

  function init() {
    var el = document.getElementById("place-map");
    if (!el || typeof window.L === "undefined") {
      return;
    }
    var L = window.L;
    var status = document.getElementById("place-map-status");
    var statusLabels = status ? status.dataset : {};
    setStatus(statusLabels.labelLoading || "");
    var colours = {
      none: swatchColour(".place-legend .place-none", "#5c6f82"),
      few: swatchColour(".place-legend .place-few", "#a66300"),
      many: swatchColour(".place-legend .place-many", "#d1344c")
    };

    var map = L.map(el, { preferCanvas: true, zoomSnap: 0.5, minZoom: 4 });
    map.fitBounds(ITALY);
    if (el.dataset.tileUrl) {
      L.tileLayer(el.dataset.tileUrl, { attribution: el.dataset.tileAttribution || "", maxZoom: 18 }).addTo(map);
    }
    var regions = fetchJson(el.dataset.regionsUrl)
      .then(function (data) {
        return L.geoJSON(data, {
          interactive: false,
          style: { color: "#5c6f82", weight: 1, fillColor: "#ffffff", fillOpacity: 0.7 }
        }).addTo(map);
      })
      .catch(function () {
        return null; // Boundaries are a backdrop: the markers still matter without them.
      });

    var places = fetchJson(el.dataset.placesUrl).then(function (data) {
      var layer = L.featureGroup();
      data.features.forEach(function (feature) {
        var props = feature.properties;
        var coords = feature.geometry.coordinates;
        var people = props.people || 0;
        var colour = people === 0 ? colours.none : people < MANY ? colours.few : colours.many;
        L.circleMarker([coords[1], coords[0]], {
          radius: 5 + Math.min(15, Math.sqrt(people)),
          color: "#ffffff",
          weight: 1,
          fillColor: colour,
          fillOpacity: 0.85
        })
          .bindPopup(popupContent(props, el.dataset))
          .addTo(layer);
      });
      layer.addTo(map);
      return { layer: layer, count: data.features.length };
    });

    Promise.all([regions, places])
      .then(function (results) {
        var drawn = results[1];
        if (drawn.count > 0) {
          map.fitBounds(drawn.layer.getBounds(), { padding: [20, 20], maxZoom: 12 });
        }
        el.dataset.markerCount = String(drawn.count);
        el.dataset.loaded = "true";
        setStatus((statusLabels.labelDone || "") + " " + drawn.count);
      })
      .catch(function () {
        el.dataset.loaded = "error";
        setStatus(statusLabels.labelError || "");
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
