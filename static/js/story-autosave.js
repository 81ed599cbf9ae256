/* Autosave: the story's text fields go to the writer's own working copy every few
   seconds while they change (desk/autosave.py), never to the story. A working copy
   left by a closed tab is offered back on the editor page ("Restore my unsaved
   text" / "Discard"); saving the story drops it on the server. */
(function () {
  "use strict";

  var SAVE_EVERY_MS = 4000;
  var FIELDS = ["headline", "dek", "body", "lead_image_caption", "credit_line", "seo_title", "seo_description"];

  function textOf(form) {
    var data = {};
    FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field && "value" in field) {
        data[name] = field.value;
      }
    });
    return data;
  }

  function target(box) {
    var data = new FormData();
    if (box.dataset.story) {
      data.append("story", box.dataset.story);
    } else {
      data.append("token", box.dataset.token);
    }
    return data;
  }

  function post(url, form, data, keepalive) {
    data.append("csrfmiddlewaretoken", form.elements.namedItem("csrfmiddlewaretoken").value);
    return fetch(url, { method: "POST", body: data, credentials: "same-origin", keepalive: !!keepalive });
  }

  function putBack(form, fields) {
    Object.keys(fields).forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (!field || !("value" in field)) {
        return;
      }
      field.value = fields[name];
      if (field.dataset.richText !== undefined) {
        // The body's editor (body-editor.js) shows the textarea's HTML when told to.
        field.dispatchEvent(new CustomEvent("rich-text:load"));
      }
      field.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }

  function offer(box, form, status) {
    var notice = box.querySelector(".autosave-notice");
    if (!notice) {
      return;
    }
    notice.querySelector("[data-autosave-restore]").addEventListener("click", function () {
      var query = new URLSearchParams(target(box)).toString();
      fetch(box.dataset.url + "?" + query, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { fields: null }; })
        .then(function (answer) {
          if (answer.fields) {
            putBack(form, answer.fields);
            status.textContent = "Your unsaved text is back in the form. Save to keep it.";
          } else {
            status.textContent = "The unsaved text could not be found.";
          }
          notice.remove();
          form.elements.namedItem("headline").focus();
        });
    });
    notice.querySelector("[data-autosave-discard]").addEventListener("click", function () {
      post(box.dataset.discardUrl, form, target(box)).then(function () {
        status.textContent = "Unsaved text discarded.";
        notice.remove();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("story_form");
    var box = document.querySelector(".autosave[data-url]");
    if (!form || !box || !window.fetch) {
      return;
    }
    var status = box.querySelector(".autosave-status");
    offer(box, form, status);
    // What the page opened with is the story itself: only text typed since is kept.
    var last = JSON.stringify(textOf(form));
    var saving = false;

    function save(keepalive) {
      var now = JSON.stringify(textOf(form));
      if (now === last || saving) {
        return;
      }
      saving = true;
      var data = target(box);
      var text = textOf(form);
      Object.keys(text).forEach(function (name) { data.append(name, text[name]); });
      post(box.dataset.url, form, data, keepalive)
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) {
          if (answer) {
            last = now;
            status.textContent = "Unsaved text kept for you at " + answer.saved_at.split(", ").pop() + ".";
          }
        })
        .catch(function () {})
        .then(function () { saving = false; });
    }

    // The body's editor writes its textarea without events, so the text is compared on a timer.
    window.setInterval(save, SAVE_EVERY_MS);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        save(true);
      }
    });
    form.addEventListener("submit", function () {
      last = JSON.stringify(textOf(form));  // the save itself clears the working copy
    });
  });
})();
