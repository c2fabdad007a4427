// The public report form: show the emergency number when the person says they are in
// danger, and hide the name field when they choose to stay anonymous. Without JavaScript
// the form still works (the server drops a name sent with "anonymous").
(function () {
  "use strict";

  function start() {
    var form = document.getElementById("report-form");
    if (!form) {
      return;
    }
    var help = document.getElementById("report-danger-help");
    var anonymous = document.getElementById("report-anonymous");
    var nameGroup = document.getElementById("report-name-group");

    function syncDanger() {
      var yes = form.querySelector("input[name=danger][value=yes]");
      if (help) {
        help.hidden = !(yes && yes.checked);
      }
    }

    function syncAnonymous() {
      if (anonymous && nameGroup) {
        nameGroup.hidden = anonymous.checked;
      }
    }

    form.querySelectorAll("input[name=danger]").forEach(function (radio) {
      radio.addEventListener("change", syncDanger);
    });
    if (anonymous) {
      anonymous.addEventListener("change", syncAnonymous);
    }
    syncDanger();
    syncAnonymous();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
