/* The network map: region boundaries and one circle per node, coloured by kind.
 *
 * Everything it needs comes from data-* attributes on #network-map; the map itself, the
 * boundaries, tiles and the loaded state come from map-base.js. Marker colours are read from
 * the legend swatches, so approdo.css stays the one place that defines them.
 */
(function () {
  "use strict";

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

  function init() {
    var el = document.getElementById("network-map");
    if (!el || typeof window.L === "undefined" || !window.ApprodoMap) {
      return;
    }
    var L = window.L;
    var colours = legendColours();
    window.ApprodoMap.draw({
      el: el,
      status: document.getElementById("map-status"),
      markersUrl: el.dataset.nodesUrl,
      maxZoom: 11,
      marker: function (feature) {
        var props = feature.properties;
        var isHub = props.kind === "hub";
        return L.circleMarker(window.ApprodoMap.latLng(feature), {
          radius: isHub ? 7 : 5,
          color: "#ffffff",
          weight: 1,
          fillColor: colours[isHub ? "hub" : props.spoke_kind] || colours.other,
          fillOpacity: 0.9
        }).bindPopup(popupContent(props, el.dataset.labelOpen || ""));
      }
    });
  }

  window.ApprodoMap.onReady(init);
})();
