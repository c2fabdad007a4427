/* The field app: start-up, the network badge, the home list and the language switch.
   The session screen is in session.js. */
(function () {
  "use strict";
  const F = (window.Field = window.Field || {});
  const h = (...args) => F.h(...args);
  F.view = { name: "home", clientId: null, sex: "male", nationality: "" };

  F.today = function () {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  };

  F.placeName = function (id) {
    const place = ((F.context || {}).places || []).find((p) => p.id === Number(id));
    return place ? place.name : "";
  };

  function renderBadge() {
    const badge = document.getElementById("fa-badge");
    const online = navigator.onLine;
    badge.textContent = F.t(online ? "online" : "offline");
    badge.className = "fa-badge " + (online ? "is-online" : "is-offline");
    badge.dataset.online = online ? "true" : "false";
  }

  F.renderToolbar = async function () {
    const button = document.getElementById("fa-sync");
    button.textContent = F.t(F.syncing ? "syncing" : "sync");
    button.disabled = Boolean(F.syncing) || !navigator.onLine;
    const outbox = await F.store.all("outbox");
    const pending = document.getElementById("fa-pending");
    pending.textContent = outbox.length ? F.t("pending_count", { n: outbox.length }) : "";
    pending.dataset.count = String(outbox.length);
    document.title = F.t("app_title") + " · Approdo";
  };

  function newDraft() {
    const nodes = (F.context || {}).nodes || [];
    const spoke = nodes.find((n) => n.kind === "spoke");
    const now = new Date();
    return {
      client_id: F.uuid(),
      base_version: null,
      id: null,
      node: nodes.length === 1 ? nodes[0].id : spoke ? spoke.id : null,
      place: null,
      date: F.today(),
      starts_at: String(now.getHours()).padStart(2, "0") + ":" + String(now.getMinutes()).padStart(2, "0"),
      ends_at: "",
      status: "done",
      with_mediator: false,
      languages: [],
      vehicle: "",
      other_team: "",
      notes: "",
      headcounts: {},
      services: {},
      handouts: {},
      first_contacts: [],
      state: "draft",
      errors: {},
      server: null,
    };
  }

  function keyed(rows, keyOf) {
    const out = {};
    rows.forEach((row) => {
      out[keyOf(row)] = Object.assign({}, row, { base_version: row.version, state: "synced", errors: {}, server: null });
    });
    return out;
  }

  function fromServer(s) {
    return Object.assign(newDraft(), {
      client_id: s.client_id,
      base_version: s.version,
      id: s.id,
      node: s.node,
      place: s.place,
      date: s.date,
      starts_at: s.starts_at,
      ends_at: s.ends_at || "",
      status: s.status,
      with_mediator: s.with_mediator,
      languages: s.languages,
      vehicle: s.vehicle,
      other_team: s.other_team,
      notes: s.notes,
      headcounts: keyed(s.headcounts, (r) => r.sex + "|" + r.age_band + "|" + r.nationality),
      services: keyed(s.services, (r) => r.kind),
      handouts: keyed(s.handouts, (r) => String(r.material)),
      state: "synced",
    });
  }

  F.openSession = async function (clientId) {
    F.view = Object.assign(F.view, { name: "session", clientId: clientId });
    await F.render();
    window.scrollTo(0, 0);
  };

  async function renderHome() {
    const root = document.getElementById("fa-main");
    const drafts = await F.store.all("drafts");
    const queued = new Set((await F.store.all("outbox")).map((o) => o.client_id));
    drafts.sort((a, b) => (b.date + b.starts_at).localeCompare(a.date + a.starts_at));
    const nodes = [h("h1", { text: F.t("app_title") })];
    if (!F.context) nodes.push(h("p", { class: "fa-card", role: "alert", text: F.t("context_missing") }));
    nodes.push(
      h("button", {
        type: "button",
        class: "fa-btn fa-btn-primary fa-btn-block",
        "data-testid": "new-session",
        disabled: !F.context,
        text: F.t("new_session"),
        onclick: async () => {
          const draft = newDraft();
          await F.store.put("drafts", draft);
          await F.openSession(draft.client_id);
        },
      })
    );
    nodes.push(h("h2", { text: F.t("sessions_on_device") }));
    nodes.push(
      drafts.length
        ? h(
            "ul",
            { class: "fa-list", "data-testid": "drafts" },
            drafts.map((d) =>
              h(
                "li",
                { "data-testid": "session-item", "data-client-id": d.client_id },
                h("div", { class: "fa-row" },
                  h("strong", { text: F.placeName(d.place) || F.t("place") + "?" }),
                  h("span", { text: F.day(d.date) + " " + (d.starts_at || "") }),
                  F.stateBadge(F.overallState(d, queued.has(d.client_id)))
                ),
                h("button", { type: "button", class: "fa-btn", "data-testid": "open-session", text: F.t("open"), onclick: () => F.openSession(d.client_id) })
              )
            )
          )
        : h("p", { class: "fa-muted", text: F.t("no_sessions") })
    );
    const known = new Set(drafts.map((d) => d.client_id));
    const others = ((F.context || {}).sessions || []).filter((s) => !known.has(s.client_id));
    const today = (F.context || {}).today || "";
    // What is coming first (the next outing is the one to open), then what was done lately.
    const planned = others.filter((s) => s.status === "planned" && s.date >= today);
    const recent = others.filter((s) => !planned.includes(s)).reverse();
    nodes.push(...serverSessions("sessions_planned", "planned-sessions", planned, today));
    nodes.push(...serverSessions("sessions_recent", "server-sessions", recent, today));
    root.replaceChildren(...nodes);
  }

  function serverSessions(titleKey, testid, sessions, today) {
    if (!sessions.length) return [];
    return [
      h("h2", { text: F.t(titleKey) }),
      h("ul", { class: "fa-list", "data-testid": testid },
        sessions.map((s) =>
          h("li", {},
            h("div", { class: "fa-row" },
              h("strong", { text: F.placeName(s.place) }),
              h("span", {
                text: (s.date === today ? F.t("today") : F.day(s.date)) + " " + s.starts_at +
                  " · " + F.t("status_" + s.status),
              })
            ),
            h("button", {
              type: "button",
              class: "fa-btn",
              text: F.t("open"),
              onclick: async () => {
                await F.store.put("drafts", fromServer(s));
                await F.openSession(s.client_id);
              },
            })
          )
        )
      ),
    ];
  }

  F.render = async function () {
    renderBadge();
    await F.renderToolbar();
    if (F.view.name === "session") {
      const draft = await F.store.get("drafts", F.view.clientId);
      if (draft) return F.renderSession(draft);
      F.view.name = "home";
    }
    return renderHome();
  };

  function setupLanguage() {
    const select = document.getElementById("fa-lang");
    select.replaceChildren(
      ...F.appLanguages.map((code) => h("option", { value: code, lang: code, text: code.toUpperCase() }))
    );
    select.value = F.lang;
    document.getElementById("fa-lang-label").textContent = F.t("app_language");
    select.addEventListener("change", async () => {
      F.lang = select.value;
      document.documentElement.lang = F.lang;
      document.getElementById("fa-lang-label").textContent = F.t("app_language");
      await F.store.put("meta", F.lang, "lang");
      await F.render();
    });
  }

  async function init() {
    const stored = await F.store.get("meta", "lang");
    const pageLang = document.documentElement.lang;
    F.lang = stored || (F.appLanguages.includes(pageLang) ? pageLang : "it");
    document.documentElement.lang = F.lang;
    F.context = (await F.store.get("meta", "context")) || null;
    setupLanguage();
    document.getElementById("fa-sync").addEventListener("click", () => F.sync());
    window.addEventListener("online", async () => {
      await F.render();
      await F.refreshContext();
      await F.sync();
    });
    window.addEventListener("offline", () => F.render());
    await F.render();
    if (navigator.onLine) {
      await F.refreshContext();
      await F.render();
      const outbox = await F.store.all("outbox");
      if (outbox.length) await F.sync();
    }
    // Registered last: one request at a time is gentler on a weak connection.
    if ("serviceWorker" in navigator) {
      await navigator.serviceWorker.register(F.config.sw_url, { scope: F.config.scope }).catch(() => null);
    }
    document.body.dataset.ready = "true";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
