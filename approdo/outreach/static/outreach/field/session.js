/* The session screen: where, when, who; anonymous counts with steppers; first contacts;
   services on the spot; material handed out. Every change is saved on the phone at once. */
(function () {
  "use strict";
  const F = (window.Field = window.Field || {});
  const h = (...args) => F.h(...args);
  const MAX = { headcounts: 5000, services: 5000, handouts: 100000 };

  function languageName(lang) {
    return F.lang === "it" ? lang.name_it : lang.name_en || lang.name_it;
  }

  function field(label, control) {
    return h("label", { class: "fa-field" }, h("span", { text: label }), control);
  }

  function touch(record) {
    if (record.state !== "conflict") record.state = "draft";
  }

  function stepper(testid, label, value, onDelta) {
    const out = h("output", { "data-testid": testid + "-count", text: value });
    const click = (delta) => () => {
      out.textContent = String(onDelta(delta));
    };
    return h(
      "span",
      { class: "fa-stepper" },
      h("button", { type: "button", class: "fa-btn", "data-testid": testid + "-minus", "aria-label": F.t("minus") + ": " + label, text: "−", onclick: click(-1) }),
      out,
      h("button", { type: "button", class: "fa-btn", "data-testid": testid + "-plus", "aria-label": F.t("plus") + ": " + label, text: "+", onclick: click(1) })
    );
  }

  F.renderSession = function (draft) {
    const ctx = F.context || {};
    const root = document.getElementById("fa-main");
    const save = async (rerender) => {
      await F.queue(draft);
      if (rerender) await F.render();
      else await F.renderToolbar();
    };
    const onSession = (name, parse) => (event) => {
      draft[name] = parse ? parse(event.target) : event.target.value;
      touch(draft);
      save(false);
    };

    // --- where and when ---------------------------------------------------------------
    const nodeSelect = h("select", { "data-testid": "field-node", onchange: onSession("node", (t) => Number(t.value) || null) },
      h("option", { value: "", text: F.t("choose") }),
      (ctx.nodes || []).map((n) => h("option", { value: n.id, text: n.name }))
    );
    nodeSelect.value = draft.node ? String(draft.node) : "";
    const placeSelect = h("select", { "data-testid": "field-place", onchange: onSession("place", (t) => Number(t.value) || null) },
      h("option", { value: "", text: F.t("choose") }),
      (ctx.places || []).map((p) => h("option", { value: p.id, text: p.name + " (" + p.municipality + ")" }))
    );
    placeSelect.value = draft.place ? String(draft.place) : "";
    const statusButtons = ["done", "planned"].map((status) =>
      h("button", {
        type: "button",
        class: "fa-btn",
        "aria-pressed": draft.status === status ? "true" : "false",
        "data-testid": "status-" + status,
        text: F.t("status_" + status),
        onclick: () => {
          draft.status = status;
          touch(draft);
          save(true);
        },
      })
    );
    const languageBoxes = (ctx.languages || []).map((lang) =>
      h("label", { class: "fa-check" },
        h("input", {
          type: "checkbox",
          checked: (draft.languages || []).includes(lang.code),
          "data-testid": "lang-" + lang.code,
          onchange: (event) => {
            const set = new Set(draft.languages || []);
            if (event.target.checked) set.add(lang.code);
            else set.delete(lang.code);
            draft.languages = [...set].sort();
            touch(draft);
            save(false);
          },
        }),
        h("span", { text: languageName(lang) })
      )
    );
    const where = h("section", { class: "fa-card" },
      field(F.t("node"), nodeSelect),
      field(F.t("place"), placeSelect),
      h("div", { class: "fa-row" },
        field(F.t("date"), h("input", { type: "date", value: draft.date, "data-testid": "field-date", onchange: onSession("date") })),
        field(F.t("starts_at"), h("input", { type: "time", value: draft.starts_at, "data-testid": "field-starts", onchange: onSession("starts_at") })),
        field(F.t("ends_at"), h("input", { type: "time", value: draft.ends_at || "", "data-testid": "field-ends", onchange: onSession("ends_at") }))
      ),
      h("div", { class: "fa-field" }, h("span", { text: F.t("status") }), h("div", { class: "fa-segmented" }, statusButtons)),
      h("label", { class: "fa-check" },
        h("input", { type: "checkbox", checked: draft.with_mediator, "data-testid": "field-mediator", onchange: onSession("with_mediator", (t) => t.checked) }),
        h("span", { text: F.t("with_mediator") })
      ),
      languageBoxes.length
        ? h("details", { class: "fa-field fa-details", open: (draft.languages || []).length > 0 },
            h("summary", { text: F.t("languages") + ((draft.languages || []).length ? " (" + draft.languages.join(", ") + ")" : "") }),
            h("div", { class: "fa-columns" }, languageBoxes))
        : null,
      field(F.t("vehicle"), h("input", { type: "text", maxlength: 80, value: draft.vehicle, oninput: onSession("vehicle") })),
      field(F.t("other_team"), h("input", { type: "text", maxlength: 200, value: draft.other_team, oninput: onSession("other_team") })),
      field(F.t("notes"), h("textarea", { "data-testid": "field-notes", value: draft.notes, oninput: onSession("notes") }))
    );

    // --- anonymous headcounts ---------------------------------------------------------
    const summary = h("ul", { class: "fa-list", "data-testid": "hc-summary" });
    const totalOut = h("p", { class: "fa-total", "data-testid": "hc-total" });
    const renderSummary = () => {
      const rows = Object.values(draft.headcounts).filter((r) => r.count > 0 || r.state !== "synced");
      summary.replaceChildren(
        ...rows.map((r) =>
          h("li", { "data-testid": "hc-row" },
            h("div", { class: "fa-row" },
              h("span", { text: F.t("sex_" + r.sex) + " · " + F.t("age_" + r.age_band) + " · " + F.countryName(r.nationality) + ": " + r.count }),
              F.stateBadge(r.state)
            ),
            F.errorList(r.errors)
          )
        )
      );
      const total = Object.values(draft.headcounts).reduce((sum, r) => sum + (r.count || 0), 0);
      totalOut.textContent = F.t("total") + ": " + total;
    };
    const sexButtons = (ctx.sexes || []).map((s) =>
      h("button", {
        type: "button",
        class: "fa-btn",
        "aria-pressed": F.view.sex === s.value ? "true" : "false",
        "data-testid": "sex-" + s.value,
        text: F.t("sex_" + s.value),
        onclick: () => {
          F.view.sex = s.value;
          F.render();
        },
      })
    );
    const nationality = h("select", {
      "data-testid": "nationality",
      onchange: (event) => {
        F.view.nationality = event.target.value;
        F.render();
      },
    },
      h("option", { value: "", text: F.t("nationality_unknown") }),
      F.countries.map((c) => h("option", { value: c.code, text: c[F.lang] || c.it }))
    );
    nationality.value = F.view.nationality;
    const ageRows = (ctx.age_bands || []).map((band) => {
      const key = F.view.sex + "|" + band.value + "|" + F.view.nationality;
      const current = draft.headcounts[key] ? draft.headcounts[key].count : 0;
      const label = F.t("sex_" + F.view.sex) + " " + F.t("age_" + band.value);
      return h("tr", {},
        h("th", { scope: "row", text: F.t("age_" + band.value) }),
        h("td", {}, stepper("hc-" + band.value, label, current, (delta) => {
          let row = draft.headcounts[key];
          if (!row) {
            row = { client_id: F.uuid(), base_version: null, sex: F.view.sex, age_band: band.value, nationality: F.view.nationality, count: 0, state: "draft", errors: {} };
            draft.headcounts[key] = row;
          }
          row.count = Math.max(0, Math.min(MAX.headcounts, row.count + delta));
          touch(row);
          if (row.count === 0 && !row.base_version) delete draft.headcounts[key];
          save(false);
          renderSummary();
          return row.count;
        }))
      );
    });
    renderSummary();
    const headcounts = h("section", { class: "fa-card", "data-testid": "headcounts" },
      h("h2", { text: F.t("headcounts") }),
      h("p", { class: "fa-muted", text: F.t("headcounts_hint") }),
      h("div", { class: "fa-segmented fa-row" }, sexButtons),
      field(F.t("nationality"), nationality),
      h("table", { class: "fa-stepper-table" }, h("tbody", {}, ageRows)),
      totalOut,
      summary
    );

    const parts = [
      h("h1", { text: F.t("session") + (draft.place ? ": " + F.placeName(draft.place) : "") }),
      h("div", { class: "fa-row", "data-testid": "session-state" }, F.stateBadge(F.overallState(draft, draft.state === "draft"))),
      F.errorList(draft.errors),
      ...F.conflictBoxes(draft),
      where,
      headcounts,
      F.firstContactsSection(draft, save),
      F.countsSection(draft, save, "services", (ctx.service_kinds || []).map((k) => ({ key: k.value, label: F.t("service_" + k.value) }))),
      F.countsSection(draft, save, "handouts", (ctx.materials || []).map((m) => ({ key: String(m.id), label: m.name }))),
      F.sessionActions(draft),
    ];
    root.replaceChildren(...parts.filter(Boolean));
  };

  F.countsSection = function (draft, save, kind, items) {
    const amount = kind === "services" ? "people" : "quantity";
    const title = F.t(kind === "services" ? "services" : "materials");
    if (!items.length) return h("section", { class: "fa-card" }, h("h2", { text: title }), h("p", { class: "fa-muted", text: F.t("no_materials") }));
    const prefix = kind === "services" ? "svc-" : "mat-";
    return h("section", { class: "fa-card", "data-testid": kind },
      h("h2", { text: title }),
      h("table", { class: "fa-stepper-table" }, h("tbody", {},
        items.map((item) => {
          const row0 = draft[kind][item.key];
          return h("tr", {},
            h("th", { scope: "row" }, item.label, row0 && row0.state !== "synced" ? h("span", { text: " " }) : null, row0 ? F.stateBadge(row0.state) : null, row0 ? F.errorList(row0.errors) : null),
            h("td", {}, stepper(prefix + item.key, item.label, row0 ? row0[amount] : 0, (delta) => {
              let row = draft[kind][item.key];
              if (!row) {
                row = { client_id: F.uuid(), base_version: null, state: "draft", errors: {} };
                row[amount] = 0;
                if (kind === "services") Object.assign(row, { kind: item.key, note: "" });
                else row.material = Number(item.key);
                draft[kind][item.key] = row;
              }
              row[amount] = Math.max(0, Math.min(MAX[kind], row[amount] + delta));
              touch(row);
              if (row[amount] === 0 && !row.base_version) delete draft[kind][item.key];
              save(false);
              return row[amount];
            }))
          );
        })
      ))
    );
  };

  F.sessionActions = function (draft) {
    return h("div", { class: "fa-card" },
      h("button", {
        type: "button",
        class: "fa-btn fa-btn-primary fa-btn-block",
        "data-testid": "session-done",
        text: F.t("done"),
        onclick: async () => {
          if (!F.isComplete(draft)) {
            F.message(F.t("required") + " " + F.t("node") + ", " + F.t("place") + ", " + F.t("date") + ", " + F.t("starts_at"), "error");
            return;
          }
          await F.queue(draft);
          F.message(F.t("saved_on_device"), "ok");
          F.view.name = "home";
          await F.render();
          if (navigator.onLine) await F.sync();
        },
      }),
      h("button", { type: "button", class: "fa-btn fa-btn-block", "data-testid": "back", text: F.t("back"), onclick: async () => { F.view.name = "home"; await F.render(); } }),
      draft.id
        ? null
        : h("button", {
            type: "button",
            class: "fa-btn fa-btn-danger fa-btn-block",
            "data-testid": "delete-draft",
            text: F.t("delete_draft"),
            onclick: async () => {
              if (!window.confirm(F.t("confirm_delete"))) return;
              await F.store.del("drafts", draft.client_id);
              await F.store.del("outbox", draft.client_id);
              F.view.name = "home";
              await F.render();
            },
          })
    );
  };
})();
