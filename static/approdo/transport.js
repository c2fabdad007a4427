/* The route plan's map: each shuttle's route as a polyline with numbered stops, over a blank
 * background (no tiles needed, so it works offline). Data comes from the page's JSON script
 * (#plan-map-data); nothing runs inline (CSP). When drawn the element gets data-loaded="true".
 */
(function () {
  "use strict";
  var COLOURS = ["#0066cc", "#d9364f", "#008055", "#a66300", "#5c2f91", "#00738a", "#b3003b", "#3d5c00"];

  function draw() {
    var el = document.getElementById("plan-map");
    var source = document.getElementById("plan-map-data");
    if (!el || !source || !window.L) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var L = window.L;
    el.style.height = "420px";
    var map = L.map(el, { zoomSnap: 0.5 });
    var bounds = [];
    data.routes.forEach(function (route, i) {
      var colour = COLOURS[i % COLOURS.length];
      if (route.points.length < 3) {
        return;
      }
      L.polyline(route.points, { color: colour, weight: 3 }).addTo(map);
      route.points.forEach(function (p, n) {
        bounds.push(p);
        L.circleMarker(p, { radius: n === 0 ? 7 : 4, color: colour, fillOpacity: 0.8 })
          .bindTooltip(route.shuttle + " · " + n)
          .addTo(map);
      });
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [20, 20] });
    } else {
      map.setView([41.46, 15.55], 9);
    }
    el.dataset.loaded = "true";
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
