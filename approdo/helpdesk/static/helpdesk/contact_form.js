// The helpdesk's contact form: an anonymous report hides (and empties) the name field; the
// free-text language shows only when "other language" is chosen. Without JS every field
// stays visible and the server enforces the same rules.
(function () {
  "use strict";

  function groupOf(field) {
    return field ? field.closest(".form-group") : null;
  }

  function setup(form) {
    var anonymous = form.querySelector("input[name='anonymous']");
    var name = form.querySelector("input[name='name']");
    var language = form.querySelector("select[name='language']");
    var other = form.querySelector("input[name='language_other']");

    function syncName() {
      var group = groupOf(name);
      if (!anonymous || !group) return;
      if (anonymous.checked) {
        name.value = "";
        group.hidden = true;
      } else {
        group.hidden = false;
      }
    }

    function syncLanguage() {
      var group = groupOf(other);
      if (!language || !group) return;
      group.hidden = language.value !== "other" && other.value === "";
    }

    if (anonymous) anonymous.addEventListener("change", syncName);
    if (language) language.addEventListener("change", syncLanguage);
    syncName();
    syncLanguage();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-helpdesk-contact-form]").forEach(setup);
  });
})();
