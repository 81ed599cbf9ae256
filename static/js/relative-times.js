// Keeps "12 min ago" on list cards current in a page that came from a cache
// (frontend/templatetags/moments.py renders the words; this only refreshes them).
// After the newsroom's midnight (data-day-ends) a relative time becomes its date.
(function () {
  "use strict";

  function age(moment, now) {
    var minutes = Math.floor((now - moment) / 60000);
    if (minutes < 1) return "Just now";
    if (minutes < 60) return minutes + " min ago";
    return Math.floor(minutes / 60) + " h ago";
  }

  function refresh() {
    var now = Date.now();
    var times = document.querySelectorAll("time[data-relative]");
    for (var i = 0; i < times.length; i++) {
      var time = times[i];
      var moment = Date.parse(time.getAttribute("datetime"));
      var dayEnds = Date.parse(time.getAttribute("data-day-ends"));
      if (isNaN(moment) || isNaN(dayEnds)) continue;
      var text = now >= dayEnds ? time.getAttribute("data-date") : age(moment, now);
      if (time.textContent !== text) time.textContent = text;
    }
  }

  refresh();
  window.setInterval(refresh, 60000);
})();
