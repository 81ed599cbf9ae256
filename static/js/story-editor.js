/* The story editor's side panel: the headline's length against the search and
   front-page limits, the publish checklist as the story is typed (asked of
   the server, which runs the same checklist as publishing), and the primary
   button following the publish time ("Publish" or "Schedule for …"). */
(function () {
  "use strict";

  var SEO_LIMIT = 60;
  var FRONT_LIMIT = 90;
  var CHECK_EVERY_MS = 1500;

  function headlineCounter(input) {
    var counter = document.createElement("p");
    counter.className = "headline-count";
    counter.id = "headline-count";
    counter.setAttribute("aria-live", "polite");
    input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " headline-count").trim());
    input.insertAdjacentElement("afterend", counter);
    function update() {
      var length = input.value.trim().length;
      var state = length > FRONT_LIMIT ? "over" : length > SEO_LIMIT ? "long" : "ok";
      counter.className = "headline-count headline-count--" + state;
      counter.textContent = length + " characters · search results show " + SEO_LIMIT +
        ", front pages " + FRONT_LIMIT +
        (state === "over" ? " — too long to publish" : state === "long" ? " — set a shorter SEO title" : "");
    }
    input.addEventListener("input", update);
    update();
  }

  function renderChecklist(list, answer) {
    list.textContent = "";
    answer.items.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "check check--" + (item.passed ? "ok" : item.level);
      var mark = document.createElement("span");
      mark.className = "check__mark";
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = item.passed ? "✓" : item.level === "block" ? "✗" : "!";
      var label = document.createElement("span");
      label.className = "check__label";
      label.textContent = item.label;
      var said = document.createElement("span");
      said.className = "visually-hidden";
      said.textContent = ": " + (item.passed ? "done" : item.level === "block" ? "blocks publishing" : "worth fixing");
      label.appendChild(said);
      li.appendChild(mark);
      li.appendChild(label);
      if (!item.passed) {
        var problem = document.createElement("small");
        problem.className = "check__problem";
        problem.textContent = item.problem;
        li.appendChild(problem);
      }
      list.appendChild(li);
    });
  }

  function liveChecklist(form, panel) {
    var list = panel.querySelector(".checklist");
    var last = null;
    function ask() {
      var data = new FormData(form);
      var signature = new URLSearchParams(data).toString();
      if (signature === last) {
        return;
      }
      last = signature;
      fetch(panel.dataset.url, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) { if (answer) { renderChecklist(list, answer); } })
        .catch(function () { last = null; });
    }
    // The body editor (body-editor.js) writes into its textarea without an input
    // event, so the form is compared as a whole every moment rather than per keystroke.
    window.setInterval(ask, CHECK_EVERY_MS);
  }

  function localDateTime(form) {
    var day = form.querySelector("[name=publish_at_0]");
    var time = form.querySelector("[name=publish_at_1]");
    if (!day || !time || !day.value || !time.value) {
      return null;
    }
    var at = new Date(day.value + "T" + (time.value.length === 5 ? time.value + ":00" : time.value));
    return isNaN(at.getTime()) ? null : { at: at, day: day.value, time: time.value.slice(0, 5) };
  }

  var DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function deskDay(at) {
    // As the server writes days (articles.dates.moment): "Tue 1 Dec".
    var text = DAYS[at.getDay()] + " " + at.getDate() + " " + MONTHS[at.getMonth()];
    return at.getFullYear() === new Date().getFullYear() ? text : text + " " + at.getFullYear();
  }

  function scheduleButton(form, button) {
    function update() {
      // The browser's clock stands in for the server's; the server decides on submit.
      var chosen = localDateTime(form);
      if (chosen && chosen.at > new Date()) {
        button.value = "schedule";
        button.textContent = "Schedule for " + deskDay(chosen.at) + ", " + chosen.time;
      } else {
        button.value = "publish";
        button.textContent = "Publish";
      }
    }
    form.addEventListener("change", update);
    form.addEventListener("input", function (event) {
      if (event.target.name && event.target.name.indexOf("publish_at") === 0) {
        update();
      }
    });
  }

  function nameSearchBoxes(form) {
    // The autocompletes' search boxes (select2, made and remade as topics are picked)
    // carry no label; each is named after the field it searches.
    function name() {
      form.querySelectorAll(".select2-search__field:not([aria-label])").forEach(function (box) {
        var select = box.closest(".select2-container") && box.closest(".select2-container").previousElementSibling;
        var label = select && select.id && form.querySelector("label[for='" + select.id + "']");
        box.setAttribute("aria-label", "Search " + (label ? label.textContent.replace(":", "").trim() : "choices"));
      });
    }
    name();
    new MutationObserver(name).observe(form, { childList: true, subtree: true });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("story_form");
    if (!form) {
      return;
    }
    // Quill's paragraph-style picker has no name of its own (body-editor.js makes it).
    form.querySelectorAll(".ql-picker-label:not([aria-label])").forEach(function (picker) {
      picker.setAttribute("aria-label", "Paragraph style");
    });
    nameSearchBoxes(form);
    var headline = form.querySelector("[name=headline]");
    if (headline) {
      headlineCounter(headline);
    }
    var panel = form.querySelector(".story-checklist");
    if (panel && window.fetch) {
      liveChecklist(form, panel);
    }
    var schedulable = form.querySelector("button[data-schedulable]");
    if (schedulable && form.querySelector("[name=publish_at_0]")) {
      scheduleButton(form, schedulable);
    }
  });
})();
