/* A live story's page follows its coverage without a reload (frontend/live.py).

   It polls the story's updates.json, a public page behind the page cache and
   the CDN, so every reader asks the same cached address. New updates are not
   pushed into the page while someone reads: a "3 new updates" button says
   they are there, and pressing it puts them at the top. Corrections and
   withdrawals of updates already shown come in with them. Polling backs off
   while nothing changes or the server fails, pauses while the tab is hidden,
   and stops when the coverage closes. Without this script the page is
   complete as served. */
(function () {
  "use strict";

  var MAX_SECONDS = 120; // a quiet spell never leaves a reader more than two minutes behind
  var BACKOFF = 1.5;

  var section = document.querySelector("[data-live-updates]");
  if (!section || !window.fetch || !window.DOMParser) return;

  var url = section.getAttribute("data-live-updates");
  var base = Math.max(1, parseInt(section.getAttribute("data-poll-seconds"), 10) || 20);
  var list = section.querySelector("[data-live-list]");
  var prompt = section.querySelector("[data-live-prompt]");
  var button = section.querySelector("[data-live-show]");
  var keyEvents = document.querySelector("[data-live-key-events]");
  var status = section.querySelector("[data-live-status]");
  var announce = section.querySelector("[data-live-announce]");
  var delay = base;
  var timer = null;
  var pending = null;

  function fragment(html) {
    // Parsed as an inert document: nothing in it runs, and its markup is the server's own.
    var doc = new DOMParser().parseFromString(html, "text/html");
    return doc.body.firstElementChild;
  }

  function shown() {
    var found = {};
    list.querySelectorAll("[data-update]").forEach(function (item) {
      found[item.getAttribute("data-update")] = item;
    });
    return found;
  }

  function newestShownTime() {
    var first = list.querySelector("[data-update]");
    return first ? parseInt(first.getAttribute("data-published"), 10) : 0;
  }

  function changesIn(data) {
    var present = shown();
    var since = newestShownTime();
    var added = [];
    var changed = [];
    data.updates.forEach(function (update) {
      var item = present[String(update.id)];
      if (item) {
        if (String(update.changed) !== item.getAttribute("data-changed")) changed.push(update);
      } else if (update.published >= since) {
        added.push(update);
      }
    });
    return { added: added, changed: changed, data: data };
  }

  function offer(changes) {
    pending = changes;
    var count = changes.added.length;
    if (count) {
      button.textContent = count === 1 ? "1 new update" : count + " new updates";
    } else {
      button.textContent = changes.changed.length === 1 ? "1 update corrected" : changes.changed.length + " updates corrected";
    }
    prompt.hidden = false;
    // Told to screen readers once, without moving their place on the page.
    if (announce.textContent !== button.textContent) announce.textContent = button.textContent;
  }

  function apply() {
    if (!pending) return;
    var present = shown();
    pending.changed.forEach(function (update) {
      var item = present[String(update.id)];
      var replacement = fragment(update.html);
      if (item && replacement) item.replaceWith(replacement);
    });
    var empty = list.querySelector(".live__empty");
    if (empty && pending.added.length) empty.remove();
    var first = null;
    // The endpoint lists newest first; inserting oldest first keeps that order on the page.
    pending.added.slice().reverse().forEach(function (update) {
      var item = fragment(update.html);
      if (!item) return;
      list.insertBefore(item, list.firstElementChild);
      first = item;
    });
    var events = fragment("<div>" + pending.data.key_events + "</div>");
    if (keyEvents && events) keyEvents.replaceChildren.apply(keyEvents, Array.prototype.slice.call(events.childNodes));
    pending = null;
    prompt.hidden = true;
    announce.textContent = "";
    if (first) first.focus();
  }

  function closed() {
    var marker = document.querySelector("[data-live-marker]");
    if (marker) marker.hidden = true;
    status.textContent = "The live coverage has ended.";
  }

  function schedule() {
    clearTimeout(timer);
    if (document.hidden) return; // resumed by visibilitychange
    timer = setTimeout(poll, delay * 1000);
  }

  function poll() {
    // "no-cache": the browser asks again each time (a conditional request, answered 304 by the
    // page cache or the CDN while nothing changed) instead of reusing its copy for max-age.
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-cache" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        var changes = changesIn(data);
        if (changes.added.length || changes.changed.length) {
          offer(changes);
          delay = base;
        } else {
          delay = Math.min(MAX_SECONDS, delay * BACKOFF);
        }
        if (data.open) schedule();
        else closed();
      })
      .catch(function () {
        delay = Math.min(MAX_SECONDS, delay * BACKOFF * 2);
        schedule();
      });
  }

  button.addEventListener("click", apply);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) {
      delay = base;
      schedule();
    }
  });
  schedule();
})();
