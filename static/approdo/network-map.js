/* The network map: region boundaries and one circle per node, coloured by kind.
 *
 * Everything it needs comes from data-* attributes on #network-map (no inline scripts under
 * the CSP). Tiles are optional: without data-tile-url the map shows region boundaries only,
 * so it works with no tile server reachable. Marker colours are read from the legend swatches,
 * so approdo.css stays the one place that defines them. When the markers are drawn the map
 * gets data-loaded="true" and data-marker-count="N" (end-to-end tests wait on them).
 */
(function () {
  "use strict";

  var ITALY = [[35.4, 6.6], [47.1, 18.6]];
  var FALLBACK_COLOURS = {
    hub: "#0066cc",
    mobile_unit: "#d1344c",
    outpost: "#008055",
    desk: "#a66300",
    other: "#5c6f82"
  };

  function legendColours() {
    var colours = Object.assign({}, FALLBACK_COLOURS);
    document.querySelectorAll(".map-legend [data-kind]").forEach(function (swatch) {
      var colour = window.getComputedStyle(swatch).backgroundColor;
      if (colour && colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") {
        colours[swatch.dataset.kind] = colour;
      }
    });
    return colours;
  }

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status + " for " + url);
        }
        return response.json();
      });
  }

  // Popup content built as DOM nodes: names come from users, never from HTML strings.
  function popupContent(props, openLabel) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = props.name;
    box.appendChild(title);
    box.appendChild(document.createElement("br"));
    box.appendChild(document.createTextNode(props.municipality));
    box.appendChild(document.createElement("br"));
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = openLabel;
    box.appendChild(link);
    return box;
  }

  function setStatus(text) {
    var status = document.getElementById("map-status");
    if (status) {
      status.textContent = text;
    }
  }

  function init() {
    var el = document.getElementById("network-map");
    if (!el || typeof window.L === "undefined") {
      return;
    }
    var L = window.L;
    var status = document.getElementById("map-status");
    var labels = status ? status.dataset : {};
    setStatus(labels.labelLoading || "");

    var map = L.map(el, { preferCanvas: true, zoomSnap: 0.5, minZoom: 4 });
    map.fitBounds(ITALY);
    if (el.dataset.tileUrl) {
      L.tileLayer(el.dataset.tileUrl, {
        attribution: el.dataset.tileAttribution || "",
        maxZoom: 18
      }).addTo(map);
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

    var colours = legendColours();
    var nodes = fetchJson(el.dataset.nodesUrl).then(function (data) {
      var layer = L.featureGroup();
      data.features.forEach(function (feature) {
        var props = feature.properties;
        var coords = feature.geometry.coordinates;
        var isHub = props.kind === "hub";
        var colour = colours[isHub ? "hub" : props.spoke_kind] || colours.other;
        L.circleMarker([coords[1], coords[0]], {
          radius: isHub ? 7 : 5,
          color: "#ffffff",
          weight: 1,
          fillColor: colour,
          fillOpacity: 0.9
        })
          .bindPopup(popupContent(props, el.dataset.labelOpen || ""))
          .addTo(layer);
      });
      layer.addTo(map);
      return { layer: layer, count: data.features.length };
    });

    Promise.all([regions, nodes])
      .then(function (results) {
        var drawn = results[1];
        if (drawn.count > 0) {
          map.fitBounds(drawn.layer.getBounds(), { padding: [20, 20], maxZoom: 11 });
        } else if (results[0]) {
          map.fitBounds(results[0].getBounds());
        }
        el.dataset.markerCount = String(drawn.count);
        el.dataset.loaded = "true";
        setStatus((labels.labelDone || "") + " " + drawn.count);
      })
      .catch(function () {
        el.dataset.loaded = "error";
        setStatus(labels.labelError || "");
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
