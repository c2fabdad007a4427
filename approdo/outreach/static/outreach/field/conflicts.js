/* Conflicts: the phone's values and the server's side by side, and the operator's choice:
   keep mine (send again on the server's version) or take the server's. */
(function () {
  "use strict";
  const F = (window.Field = window.Field || {});

  const SESSION_FIELDS = [
    "node", "place", "date", "starts_at", "ends_at", "status",
    "with_mediator", "languages", "vehicle", "other_team", "notes",
  ];
  const CHILD_FIELDS = {
    headcounts: ["sex", "age_band", "nationality", "count"],
    services: ["kind", "people", "note"],
    handouts: ["material", "quantity"],
  };
  const CHILD_TITLE = { headcounts: "headcount_row", services: "service_row", handouts: "handout_row" };

  function display(field, value) {
    const ctx = F.context || {};
    if (value === null || value === undefined || value === "") return F.t("none");
    if (field === "node") {
      const node = (ctx.nodes || []).find((n) => n.id === Number(value));
      return node ? node.name : String(value);
    }
    if (field === "place") {
      const place = (ctx.places || []).find((p) => p.id === Number(value));
      return place ? place.name : String(value);
    }
    if (field === "material") {
      const material = (ctx.materials || []).find((m) => m.id === Number(value));
      return material ? material.name : String(value);
    }
    if (field === "status") return F.t("status_" + value);
    if (field === "sex") return F.t("sex_" + value);
    if (field === "age_band") return F.t("age_" + value);
    if (field === "kind") return F.t("service_" + value);
    if (field === "nationality") return F.countryName(value);
    if (field === "with_mediator") return F.t(value ? "yes" : "no");
    if (Array.isArray(value)) return value.join(", ") || F.t("none");
    if (field === "starts_at" || field === "ends_at") return String(value).slice(0, 5);
    return String(value);
  }

  function same(field, a, b) {
    return display(field, a) === display(field, b);
  }

  function table(allFields, mine, server) {
    // Only what differs: on a phone, two columns of long values need the room.
    const differing = allFields.filter((field) => !same(field, mine[field], server[field]));
    const fields = differing.length ? differing : allFields;
    return F.h(
      "table",
      {},
      F.h("thead", {}, F.h("tr", {}, F.h("th", { text: F.t("field") }), F.h("th", { text: F.t("mine") }), F.h("th", { text: F.t("server") }))),
      F.h(
        "tbody",
        {},
        fields.map((field) =>
          F.h(
            "tr",
            { "data-differs": same(field, mine[field], server[field]) ? null : "true" },
            F.h("th", { scope: "row", text: F.t(field === "count" || field === "people" || field === "quantity" ? "total" : field) }),
            F.h("td", { "data-testid": "mine-" + field, text: display(field, mine[field]) }),
            F.h("td", { "data-testid": "server-" + field, text: display(field, server[field]) })
          )
        )
      )
    );
  }

  function box(title, fields, record, onKeep, onTake) {
    return F.h(
      "section",
      { class: "fa-conflict", "data-testid": "conflict", role: "alert" },
      F.h("h3", { text: title }),
      F.h("p", { text: F.t("conflict_title") }),
      table(fields, record, record.server || {}),
      F.h(
        "div",
        { class: "fa-row" },
        F.h("button", { type: "button", class: "fa-btn fa-btn-primary", "data-testid": "keep-mine", onclick: onKeep, text: F.t("keep_mine") }),
        F.h("button", { type: "button", class: "fa-btn", "data-testid": "take-server", onclick: onTake, text: F.t("take_server") })
      )
    );
  }

  async function resolved(draft) {
    await F.queue(draft);
    await F.render();
    if (navigator.onLine) await F.sync();
  }

  F.conflictBoxes = function (draft) {
    const boxes = [];
    if (draft.state === "conflict" && draft.server) {
      boxes.push(
        box(
          F.t("session"),
          SESSION_FIELDS,
          draft,
          () => {
            draft.base_version = draft.server.version;
            draft.server = null;
            draft.state = "draft";
            resolved(draft);
          },
          () => {
            const server = draft.server;
            SESSION_FIELDS.forEach((field) => {
              draft[field] = server[field];
            });
            draft.base_version = server.version;
            draft.id = server.id;
            draft.server = null;
            draft.state = "synced";
            resolved(draft);
          }
        )
      );
    }
    Object.keys(CHILD_FIELDS).forEach((kind) => {
      Object.values(draft[kind] || {}).forEach((row) => {
        if (row.state !== "conflict" || !row.server) return;
        boxes.push(
          box(
            F.t(CHILD_TITLE[kind]),
            CHILD_FIELDS[kind],
            row,
            () => {
              row.base_version = row.server.version;
              row.server = null;
              row.state = "draft";
              resolved(draft);
            },
            () => {
              CHILD_FIELDS[kind].forEach((field) => {
                row[field] = row.server[field];
              });
              row.base_version = row.server.version;
              row.server = null;
              row.state = "synced";
              resolved(draft);
            }
          )
        );
      });
    });
    return boxes;
  };
})();
