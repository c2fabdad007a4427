/* Sync with the server: send the outbox, apply each record's answer (created, updated,
   unchanged, conflict, invalid). A conflict is never resolved here: the operator chooses. */
(function () {
  "use strict";
  const F = (window.Field = window.Field || {});
  const CHILD_KINDS = ["headcounts", "services", "handouts"];
  const PERSONAL = ["name", "phone", "needs"];

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  F.isComplete = function (draft) {
    return Boolean(draft.node && draft.place && draft.date && draft.starts_at && draft.status);
  };

  function pending(row) {
    return row.state !== "synced" && row.state !== "conflict";
  }

  F.payloadOf = function (d) {
    return {
      client_id: d.client_id,
      base_version: d.base_version || null,
      node: Number(d.node),
      place: Number(d.place),
      date: d.date,
      starts_at: d.starts_at,
      ends_at: d.ends_at || null,
      status: d.status,
      with_mediator: Boolean(d.with_mediator),
      languages: d.languages || [],
      vehicle: d.vehicle || "",
      other_team: d.other_team || "",
      notes: d.notes || "",
      headcounts: Object.values(d.headcounts || {}).filter(pending).map((h) => ({
        client_id: h.client_id,
        base_version: h.base_version || null,
        sex: h.sex,
        age_band: h.age_band,
        nationality: h.nationality || "",
        count: h.count,
      })),
      services: Object.values(d.services || {}).filter(pending).map((s) => ({
        client_id: s.client_id,
        base_version: s.base_version || null,
        kind: s.kind,
        people: s.people,
        note: s.note || "",
      })),
      handouts: Object.values(d.handouts || {}).filter(pending).map((m) => ({
        client_id: m.client_id,
        base_version: m.base_version || null,
        material: Number(m.material),
        quantity: m.quantity,
      })),
      first_contacts: (d.first_contacts || []).filter((c) => c.state !== "synced").map((c) => ({
        client_id: c.client_id,
        name: c.name,
        phone: c.phone || "",
        language: c.language || "",
        needs: c.needs || "",
        with_mediator: Boolean(c.with_mediator),
      })),
    };
  };

  function applyRecord(record, result) {
    record.errors = result.errors || {};
    record.server = result.server || null;
    if (result.id) record.id = result.id;
    if (result.status === "conflict") record.state = "conflict";
    else if (result.status === "invalid") record.state = "invalid";
    else {
      record.state = "synced";
      record.base_version = result.version;
      record.server = null;
    }
  }

  function applyChildren(rows, results) {
    (results || []).forEach((result) => {
      const key = Object.keys(rows).find((k) => rows[k].client_id === result.client_id);
      if (key === undefined) return;
      const deleted = !result.id && (result.status === "updated" || result.status === "unchanged");
      if (deleted) delete rows[key];
      else applyRecord(rows[key], result);
    });
  }

  F.applyResult = function (draft, result) {
    applyRecord(draft, result);
    CHILD_KINDS.forEach((kind) => applyChildren(draft[kind] || {}, result[kind]));
    (result.first_contacts || []).forEach((res) => {
      const contact = (draft.first_contacts || []).find((c) => c.client_id === res.client_id);
      if (!contact) return;
      applyRecord(contact, res);
      if (contact.state === "synced") {
        // Privacy: once the hub has it, the person's details leave the phone.
        contact.case_reference = res.case_reference || "";
        contact.referral_id = res.referral_id || null;
        PERSONAL.forEach((name) => {
          contact[name] = "";
        });
        contact.wiped = true;
      }
    });
  };

  F.overallState = function (draft, queued) {
    const rows = [draft, ...CHILD_KINDS.flatMap((k) => Object.values(draft[k] || {})), ...(draft.first_contacts || [])];
    if (rows.some((r) => r.state === "conflict")) return "conflict";
    if (rows.some((r) => r.state === "invalid")) return "invalid";
    if (queued || rows.some((r) => r.state === "draft")) return "draft";
    return "synced";
  };

  F.queue = async function (draft) {
    draft.updated_at = new Date().toISOString();
    await F.store.put("drafts", draft);
    await F.store.put("outbox", { client_id: draft.client_id, queued_at: draft.updated_at });
  };

  F.refreshContext = async function () {
    if (!navigator.onLine) return null;
    try {
      const response = await fetch(F.config.context_url, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return null;
      const context = await response.json();
      await F.store.put("meta", context, "context");
      F.context = context;
      return context;
    } catch (error) {
      return null;
    }
  };

  F.sync = async function () {
    if (F.syncing) return;
    const outbox = await F.store.all("outbox");
    const drafts = (await Promise.all(outbox.map((o) => F.store.get("drafts", o.client_id)))).filter(
      (d) => d && F.isComplete(d)
    );
    if (!drafts.length) {
      F.message(F.t("nothing_to_sync"), "ok");
      return;
    }
    F.syncing = true;
    F.message(F.t("syncing"));
    F.renderToolbar();
    try {
      let response;
      try {
        response = await fetch(F.config.sync_url, {
          method: "POST",
          credentials: "same-origin",
          headers: {
            "Content-Type": "application/json",
            Accept: "application/json",
            "X-CSRFToken": csrfToken(),
          },
          body: JSON.stringify({ sessions: drafts.map(F.payloadOf) }),
        });
      } catch (error) {
        F.message(F.t("sync_failed"), "error");
        return;
      }
      if (response.status === 401 || response.status === 403) {
        F.message(F.t("sync_login"), "error");
        return;
      }
      if (!response.ok) {
        let detail = "";
        try {
          const problem = await response.json();
          detail = Object.entries(problem.errors || {}).map(([k, v]) => k + ": " + v.join(" ")).join("; ");
        } catch (error) {
          detail = String(response.status);
        }
        F.message(F.t("sync_refused") + " " + detail, "error");
        return;
      }
      const data = await response.json();
      let attention = false;
      for (const result of data.sessions) {
        const draft = drafts.find((d) => d.client_id === result.client_id);
        if (!draft) continue;
        F.applyResult(draft, result);
        await F.store.put("drafts", draft);
        await F.store.del("outbox", draft.client_id);
        if (F.overallState(draft, false) !== "synced") attention = true;
      }
      F.lastSync = new Date();
      F.message(F.t(attention ? "sync_attention" : "sync_done"), attention ? "error" : "ok");
      await F.refreshContext();
    } finally {
      F.syncing = false;
      await F.render();
    }
  };
})();
