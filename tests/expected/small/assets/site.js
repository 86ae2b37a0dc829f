/* cswgen classic theme: keeps the week status and today's highlight current for the visitor's
   date in the site's time zone (again at each midnight there, and when the page is shown
   again), and enables the certificate's print button.  No dependencies;
   does nothing where its elements are absent; never throws. */
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // Today as YYYY-MM-DD in the given IANA time zone (the visitor's own zone as a fallback),
  // or the date `cswgen serve` is previewing the site as on.
  function today(zone) {
    var pinned = document.querySelector('meta[name="cswgen-preview-date"]');
    if (pinned && /^\d{4}-\d{2}-\d{2}$/.test(pinned.content)) { return pinned.content; }
    var now = new Date();
    try {
      var parts = new Intl.DateTimeFormat("en-US", {
        timeZone: zone || undefined, year: "numeric", month: "2-digit", day: "2-digit"
      }).formatToParts(now);
      var v = {};
      for (var i = 0; i < parts.length; i++) { v[parts[i].type] = parts[i].value; }
      if (v.year && v.month && v.day) { return v.year + "-" + v.month + "-" + v.day; }
    } catch (e) { /* unknown time zone or no Intl: use the device's date */ }
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function dayNumber(iso) {
    var p = String(iso).split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]) / 86400000;
  }

  // Fill a message from the page, such as "... {n}: {title}", into `el`, the title as a link
  // (with the day's `lang` and `dir` when its title is in another language than the page,
  // and `hreflang` when it is a page in another language: a day the page's leaves out).
  // A message in another language than the page (English standing in for words the site's
  // language lacks, `lang`) is marked so, and the page's own words in it (a date, a day's
  // title) marked as the page's, as the page without script has them.
  function fill(el, message, values, href, entry, lang) {
    while (el.firstChild) { el.removeChild(el.firstChild); }
    var root = document.documentElement, own = root.lang;
    if (lang && own && lang !== own) {
      var outer = document.createElement("span");
      outer.lang = lang;
      outer.dir = /^en\b/i.test(lang) ? "ltr" : "auto";
      el.appendChild(outer);
      el = outer;
    } else {
      own = "";
    }
    var pieces = String(message).split(/(\{[a-z]+\})/);
    for (var i = 0; i < pieces.length; i++) {
      var piece = pieces[i];
      var key = piece.charAt(0) === "{" ? piece.slice(1, -1) : null;
      if (key && Object.prototype.hasOwnProperty.call(values, key)) {
        if (key === "title" && href) {
          var a = document.createElement("a");
          a.href = href;
          a.textContent = values.title;
          if (entry && entry.hreflang) { a.hreflang = entry.hreflang; }
          if (entry && entry.lang) { a.lang = entry.lang; a.dir = entry.dir; }
          else if (own) { a.lang = own; a.dir = root.dir || "auto"; }
          el.appendChild(a);
        } else if (own && typeof values[key] !== "number") {
          var words = document.createElement("span");
          words.lang = own;
          words.dir = root.dir || "auto";
          words.textContent = written(values[key]);
          el.appendChild(words);
        } else {
          el.appendChild(document.createTextNode(written(values[key])));
        }
      } else if (piece) {
        el.appendChild(document.createTextNode(piece));
      }
    }
  }

  // A number in the page's language, as the page writes it ("١٠" in Oman: CLDR's digits)
  function written(value) {
    if (typeof value !== "number") { return String(value); }
    try { return new Intl.NumberFormat(document.documentElement.lang || undefined).format(value); }
    catch (e) { return String(value); }
  }

  // A message that depends on a number: the page gives each of the language's plural
  // forms ({"one": ..., "other": ...}), and the browser's CLDR rules choose one.
  function plural(forms, n) {
    var table;
    try { table = JSON.parse(forms); } catch (e) { return forms; }
    if (typeof table === "string") { return table; }
    var form = "other";
    try {
      form = new Intl.PluralRules(document.documentElement.lang || undefined).select(n);
    } catch (e) { /* no Intl.PluralRules: the general form */ }
    return table[form] || table.other;
  }

  function updateStatus(el, now) {
    var d = el.dataset;
    if (!d.start || !d.end) { return; }
    var start = dayNumber(d.start), end = dayNumber(d.end), day = dayNumber(now);
    if (isNaN(start) || isNaN(end) || isNaN(day)) { return; }
    var days = [];
    try { days = JSON.parse(d.days || "[]") || []; } catch (e) { days = []; }
    var state = day < start ? "before" : day > end ? "after" : "during";
    var message, values = {}, href = "", kind;
    var langs = {};
    try { langs = JSON.parse(d.msgLang || "{}") || {}; } catch (e) { langs = {}; }
    if (state === "before") {
      values.n = start - day;
      values.start = d.startLabel || d.start;
      kind = values.n === 1 ? "tomorrow" : "before";
      message = values.n === 1 ? d.msgTomorrow : plural(d.msgBefore, values.n);
    } else if (state === "during") {
      values.n = day - start + 1;
      var entry = null;
      for (var i = 0; i < days.length; i++) { if (days[i] && days[i].date === now) { entry = days[i]; } }
      if (entry && entry.title) {
        values.title = entry.title;
        href = entry.href || "";
        message = d.msgDuring;
        kind = "during";
      } else {
        message = d.msgDuringUntitled;
        kind = "during-untitled";
      }
    } else {
      message = d.msgAfter;
      kind = "after";
    }
    if (!message) { return; }
    // (the classic theme's line sits in a child, beside unseen lines that hold its space)
    fill(el.querySelector("[data-week-status-text]") || el, message, values, href, entry,
         langs[kind]);
    el.className = el.className.replace(/\bweek-status--\w+/g, "").replace(/\s+$/, "") +
      " week-status--" + state;
  }

  function highlight(now) {
    var items = document.querySelectorAll("[data-date]");
    for (var i = 0; i < items.length; i++) {
      var item = items[i], date = item.getAttribute("data-date");
      var isToday = date === now;
      item.classList.toggle("is-today", isToday);
      item.classList.toggle("is-past", dayNumber(date) < dayNumber(now));
      if (isToday) {
        item.setAttribute("aria-current", "date");
      } else if (item.getAttribute("aria-current") === "date") {
        item.removeAttribute("aria-current");
      }
    }
  }

  function printButtons() {
    if (typeof window.print !== "function") { return; }
    var buttons = document.querySelectorAll("[data-print]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].classList.add("is-ready");  // shown where its space was kept
      buttons[i].addEventListener("click", function () { window.print(); });
    }
  }

  // Milliseconds until the next midnight in the given time zone (a second after it, so the
  // date has surely changed; a day that is 23 or 25 hours long is caught by looking again).
  function untilMidnight(zone) {
    var now = new Date(), seconds = now.getHours() * 3600 + now.getMinutes() * 60 + now.getSeconds();
    try {
      var parts = new Intl.DateTimeFormat("en-US", {
        timeZone: zone || undefined, hourCycle: "h23", hour: "2-digit", minute: "2-digit",
        second: "2-digit"
      }).formatToParts(now);
      var v = {};
      for (var i = 0; i < parts.length; i++) { v[parts[i].type] = parts[i].value; }
      if (v.hour && v.minute && v.second) {
        seconds = (+v.hour % 24) * 3600 + (+v.minute) * 60 + (+v.second);
      }
    } catch (e) { /* the device's clock, as `today` does */ }
    return (86400 - seconds) * 1000 - now.getMilliseconds() + 1000;
  }

  var timer = null;

  // The status and today's highlight for the date now; again at the next midnight in the
  // site's time zone, and whenever the page is shown again (a tab left open overnight, a
  // computer woken from sleep, a page back from the browser's history): one timer a day.
  function refresh() {
    var zone = "";
    try {
      var el = document.querySelector("[data-week-status]");
      zone = el ? el.getAttribute("data-timezone") : "";
      var now = today(zone);
      if (el) { updateStatus(el, now); }
      highlight(now);
    } catch (e) { /* leave the text as it is */ }
    if (timer !== null) { clearTimeout(timer); }
    timer = setTimeout(refresh, untilMidnight(zone));
  }

  function run() {
    refresh();
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") { refresh(); }
    });
    window.addEventListener("pageshow", function (event) { if (event.persisted) { refresh(); } });
    try { printButtons(); } catch (e) { /* the button stays hidden */ }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
}());
