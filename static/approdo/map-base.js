/* What the maps share (the network map, the outreach map of places): a Leaflet map of Italy,
 * optional tiles, the committed region boundaries as a backdrop, one layer of markers drawn
 * from a GeoJSON URL, and the end state that pages and tests wait on.
 *
 * Each page passes its element, its status line and a function that turns a feature into a
 * marker; nothing runs inline (CSP). Tiles are used only with data-tile-url, so a map works with
 * no tile server reachable. When the markers are drawn the element gets data-loaded="true" and
 * data-marker-count="N", and the status line says how many.
 */
(function () {
  "use strict";

  var ITALY = [[35.4, 6.6], [47.1, 18.6]];

  function fetchJson(url) {
    return fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "application/geo+json, application/json" }
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status + " for " + url);
      }
      return response.json();
    });
  }

  function say(status, text) {
    if (status) {
      status.textContent = text;
    }
  }

  /* options: el, status (element or null), markersUrl, marker(feature) -> Leaflet layer,
   * maxZoom (when fitting the markers). */
  function draw(options) {
    var L = window.L;
    var el = options.el;
    var labels = options.status ? options.status.dataset : {};
    say(options.status, labels.labelLoading || "");

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
    var markers = fetchJson(options.markersUrl).then(function (data) {
      var layer = L.featureGroup();
      data.features.forEach(function (feature) {
        options.marker(feature).addTo(layer);
      });
      layer.addTo(map);
      return { layer: layer, count: data.features.length };
    });

    Promise.all([regions, markers])
      .then(function (results) {
        var drawn = results[1];
        if (drawn.count > 0) {
          map.fitBounds(drawn.layer.getBounds(), { padding: [20, 20], maxZoom: options.maxZoom });
        } else if (results[0]) {
          map.fitBounds(results[0].getBounds());
        }
        el.dataset.markerCount = String(drawn.count);
        el.dataset.loaded = "true";
        say(options.status, (labels.labelDone || "") + " " + drawn.count);
      })
      .catch(function () {
        el.dataset.loaded = "error";
        say(options.status, labels.labelError || "");
      });
    return map;
  }

  // A feature's point as Leaflet wants it (GeoJSON is longitude first).
  function latLng(feature) {
    var coords = feature.geometry.coordinates;
    return [coords[1], coords[0]];
  }

  function onReady(init) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", init);
    } else {
      init();
    }
  }

  window.ApprodoMap = { draw: draw, latLng: latLng, onReady: onReady };
})();
