/* First contacts of a session: name or nickname, phone, language, need. Each opens a case
   and a referral to the hub when synced; then the person's details leave the phone. */
(function () {
  "use strict";
  const F = (window.Field = window.Field || {});
  const h = (...args) => F.h(...args);

  function languageName(code) {
    const lang = ((F.context || {}).languages || []).find((l) => l.code === code);
    if (!lang) return code || "";
    return F.lang === "it" ? lang.name_it : lang.name_en || lang.name_it;
  }

  function item(draft, contact, save) {
    const synced = contact.state === "synced";
    const title = synced
      ? F.t("fc_sent", { ref: contact.case_reference || "" })
      : [contact.name, contact.phone, languageName(contact.language)].filter(Boolean).join(" · ");
    return h("li", { "data-testid": "fc-item", "data-state": contact.state },
      h("div", { class: "fa-row" }, h("strong", { text: title }), F.stateBadge(contact.state)),
      !synced && contact.needs ? h("p", { class: "fa-muted", text: contact.needs }) : null,
      synced && contact.wiped ? h("p", { class: "fa-muted", text: F.t("fc_wiped") }) : null,
      F.errorList(contact.errors),
      synced
        ? null
        : h("button", {
            type: "button",
            class: "fa-btn fa-btn-danger",
            text: F.t("fc_remove"),
            onclick: async () => {
              draft.first_contacts = draft.first_contacts.filter((c) => c.client_id !== contact.client_id);
              await save(true);
            },
          })
    );
  }

  F.firstContactsSection = function (draft, save) {
    const name = h("input", { type: "text", maxlength: 120, autocomplete: "off", "data-testid": "fc-name" });
    const phone = h("input", { type: "tel", maxlength: 40, autocomplete: "off", "data-testid": "fc-phone" });
    const language = h("select", { "data-testid": "fc-language" },
      h("option", { value: "", text: F.t("none") }),
      ((F.context || {}).languages || []).map((l) => h("option", { value: l.code, text: languageName(l.code) }))
    );
    const needs = h("textarea", { maxlength: 2000, "data-testid": "fc-needs" });
    const mediator = h("input", { type: "checkbox", "data-testid": "fc-mediator" });
    const error = h("p", { class: "fa-errors", role: "alert" });
    const add = async () => {
      if (!name.value.trim()) {
        error.textContent = F.t("fc_name_required");
        name.focus();
        return;
      }
      draft.first_contacts.push({
        client_id: F.uuid(),
        name: name.value.trim(),
        phone: phone.value.trim(),
        language: language.value,
        needs: needs.value.trim(),
        with_mediator: mediator.checked,
        state: "draft",
        errors: {},
      });
      await save(true);
    };
    const field = (label, control) => h("label", { class: "fa-field" }, h("span", { text: label }), control);
    return h("section", { class: "fa-card", "data-testid": "first-contacts" },
      h("h2", { text: F.t("first_contacts") }),
      h("p", { class: "fa-muted", text: F.t("fc_hint") }),
      h("ul", { class: "fa-list" }, (draft.first_contacts || []).map((c) => item(draft, c, save))),
      field(F.t("fc_name"), name),
      field(F.t("fc_phone"), phone),
      field(F.t("fc_language"), language),
      field(F.t("fc_needs"), needs),
      h("label", { class: "fa-check" }, mediator, h("span", { text: F.t("with_mediator") })),
      error,
      h("button", { type: "button", class: "fa-btn fa-btn-primary fa-btn-block", "data-testid": "fc-add", text: F.t("fc_add"), onclick: add })
    );
  };
})();
