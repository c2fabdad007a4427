/* Small helpers of the field page: labels, DOM building (no innerHTML), messages. */
(function () {
  "use strict";
  const F = (window.Field = window.Field || {});

  function readJson(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  const LABELS = readJson("field-labels") || { it: {} };
  F.config = readJson("field-config") || {};
  F.countries = readJson("field-countries") || [];
  F.appLanguages = readJson("field-languages") || ["it"];
  F.lang = "it";

  F.t = function (key, params) {
    const catalogue = LABELS[F.lang] || LABELS.it;
    let text = catalogue[key] || LABELS.it[key] || key;
    if (params) {
      Object.keys(params).forEach((name) => {
        text = text.replace("{" + name + "}", String(params[name]));
      });
    }
    return text;
  };

  F.h = function (tag, attrs, ...children) {
    const element = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([name, value]) => {
      if (value === null || value === undefined || value === false) return;
      if (name === "text") element.textContent = value;
      else if (name === "value") element.value = value;
      else if (name === "checked") element.checked = Boolean(value);
      else if (name.startsWith("on") && typeof value === "function") {
        element.addEventListener(name.slice(2), value);
      } else if (value === true) element.setAttribute(name, "");
      else element.setAttribute(name, String(value));
    });
    children.flat().forEach((child) => {
      if (child === null || child === undefined || child === false) return;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    });
    return element;
  };

  F.uuid = function () {
    return crypto.randomUUID();
  };

  F.countryName = function (code) {
    if (!code) return F.t("nationality_unknown");
    const row = F.countries.find((c) => c.code === code);
    return row ? row[F.lang] || row.it : code;
  };

  // "lun 7 dic" in the page's language; the ISO date as it is if the browser cannot say it.
  F.day = function (iso) {
    if (!iso) return "";
    const [year, month, day] = iso.split("-").map(Number);
    try {
      return new Intl.DateTimeFormat(F.lang, { weekday: "short", day: "numeric", month: "short" })
        .format(new Date(year, month - 1, day));
    } catch (error) {
      return iso;
    }
  };

  F.message = function (text, kind) {
    const element = document.getElementById("fa-message");
    element.textContent = text || "";
    element.className = "fa-message" + (kind ? " is-" + kind : "");
  };

  F.stateBadge = function (state) {
    const name = state || "draft";
    return F.h("span", {
      class: "fa-state fa-state-" + name,
      "data-testid": "state",
      "data-state": name,
      text: F.t("state_" + name),
    });
  };

  F.errorList = function (errors) {
    const entries = Object.entries(errors || {});
    if (!entries.length) return null;
    return F.h(
      "div",
      { class: "fa-errors", role: "alert", "data-testid": "errors" },
      F.h("strong", { text: F.t("errors_title") }),
      F.h(
        "ul",
        {},
        entries.map(([field, message]) =>
          F.h("li", { text: (field === "__all__" ? "" : (F.t(field) || field) + ": ") + message })
        )
      )
    );
  };
})();
