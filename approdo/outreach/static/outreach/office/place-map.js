/* The outreach place map: one circle per place, sized and coloured by the people met in the
 * chosen period (30 or 90 days).
 *
 * Everything comes from data-* attributes on #place-map; the map itself, the boundaries, tiles
 * and the loaded state come from map-base.js. Colours are read from the legend swatches
 * (map.css).
 */
(function () {
  "use strict";

  var MANY = 50;

  function swatchColour(selector, fallback) {
    var swatch = document.querySelector(selector);
    if (!swatch) {
      return fallback;
    }
    var colour = window.getComputedStyle(swatch).backgroundColor;
    return colour && colour !== "rgba(0, 0, 0, 0)" ? colour : fallback;
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

  function init() {
    var el = document.getElementById("place-map");
    if (!el || typeof window.L === "undefined" || !window.ApprodoMap) {
      return;
    }
    var L = window.L;
    var colours = {
      none: swatchColour(".place-legend .place-none", "#5c6f82"),
      few: swatchColour(".place-legend .place-few", "#a66300"),
      many: swatchColour(".place-legend .place-many", "#d1344c")
    };
    window.ApprodoMap.draw({
      el: el,
      status: document.getElementById("place-map-status"),
      markersUrl: el.dataset.placesUrl,
      maxZoom: 12,
      marker: function (feature) {
        var people = feature.properties.people || 0;
        return L.circleMarker(window.ApprodoMap.latLng(feature), {
          radius: 5 + Math.min(15, Math.sqrt(people)),
          color: "#ffffff",
          weight: 1,
          fillColor: people === 0 ? colours.none : people < MANY ? colours.few : colours.many,
          fillOpacity: 0.85
        }).bindPopup(popupContent(feature.properties, el.dataset));
      }
    });
  }

  window.ApprodoMap.onReady(init);
})();
