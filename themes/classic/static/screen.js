/* cswgen classic theme: the lobby screen (screen/).  Shows today's slides in the site's
   time zone (worked out again at every change, so it rolls over at midnight), the next
   events first, and rotates every data-seconds; Space pauses.  Every few minutes it asks
   for screen/build.json and, when a newer build is there, swaps in its slides without a
   blank frame, or loads the page again when the build brings a new screen.js.  All its words come from the page.  No dependencies; never throws. */
(function () {
  "use strict";

  var POLL = 3 * 60 * 1000;  // how often to look for a newer build
  var PEOPLE = 4;  // honour-roll slides in one round of the slides; the next round, the next
  var screen = document.querySelector("[data-screen]");
  if (!screen) { return; }
  var d = screen.dataset;
  var paused = false, index = -1, timer = null, round = 0;
  var script = document.currentScript && document.currentScript.getAttribute("src");

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // Now in the site's time zone: {date: "YYYY-MM-DD", time: "HH:MM"}.
  function now() {
    var at = new Date();
    try {
      var parts = new Intl.DateTimeFormat("en-GB", {
        timeZone: d.timezone || undefined, year: "numeric", month: "2-digit", day: "2-digit",
        hour: "2-digit", minute: "2-digit", hourCycle: "h23"
      }).formatToParts(at);
      var v = {};
      for (var i = 0; i < parts.length; i++) { v[parts[i].type] = parts[i].value; }
      if (v.year && v.hour) {
        return {date: v.year + "-" + v.month + "-" + v.day, time: v.hour + ":" + v.minute};
      }
    } catch (e) { /* unknown time zone: the device's clock */ }
    return {date: at.getFullYear() + "-" + pad(at.getMonth() + 1) + "-" + pad(at.getDate()),
            time: pad(at.getHours()) + ":" + pad(at.getMinutes())};
  }

  function dayNumber(iso) {
    var p = String(iso).split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]) / 86400000;
  }

  // A number in the page's language, as the page writes it ("١٠" in Oman: CLDR's digits)
  function written(value) {
    if (typeof value !== "number") { return String(value); }
    try { return new Intl.NumberFormat(document.documentElement.lang || undefined).format(value); }
    catch (e) { return String(value); }
  }

  function plural(forms, n) {
    var table;
    try { table = JSON.parse(forms); } catch (e) { return forms; }
    if (typeof table === "string") { return table; }
    var form = "other";
    try { form = new Intl.PluralRules(document.documentElement.lang || undefined).select(n); }
    catch (e) { /* the general form */ }
    return table[form] || table.other;
  }

  // The countdown before the week, today's number during it, the thank-you after: the
  // message, what fills it, and the language it is in when that is not the screen's
  // (English standing in for words the site's language lacks).
  function status(today) {
    var start = dayNumber(d.start), end = dayNumber(d.end), day = dayNumber(today);
    var langs = {};
    try { langs = JSON.parse(d.msgLang || "{}") || {}; } catch (e) { langs = {}; }
    if (day < start) {
      var n = start - day, kind = n === 1 ? "tomorrow" : "before";
      return {message: n === 1 ? d.msgTomorrow : plural(d.msgBefore, n), lang: langs[kind],
              values: {n: n, start: d.startLabel || d.start}};
    }
    if (day > end) { return {message: d.msgAfter, lang: langs.after, values: {}}; }
    var days = [];
    try { days = JSON.parse(d.days || "[]") || []; } catch (e) { days = []; }
    for (var i = 0; i < days.length; i++) {
      if (days[i] && days[i].date === today && days[i].title) {
        return {message: d.msgDuring, lang: langs.during, day: days[i],
                values: {n: day - start + 1, title: days[i].title}};
      }
    }
    return {message: d.msgDuringUntitled, lang: langs["during-untitled"],
            values: {n: day - start + 1}};
  }

  // The status line in `el`, each part with the `lang` (and `dir`) it is in where that is
  // not the screen's, as the pages' status line has them (site.js): the day's title in
  // the default language (a day with no translation), a message in English, and in it
  // the screen's own words (a date).  Made again only when it changes.
  function fill(el, line) {
    var root = document.documentElement, own = root.lang, lang = line.lang;
    var key = JSON.stringify([line.message, line.values, lang, own,
                              line.day ? line.day.lang : ""]);
    if (el.cswgenShown === key) { return; }
    el.cswgenShown = key;
    while (el.firstChild) { el.removeChild(el.firstChild); }
    if (lang && own && lang !== own) {
      var outer = document.createElement("span");
      outer.lang = lang;
      outer.dir = /^en\b/i.test(lang) ? "ltr" : "auto";
      el.appendChild(outer);
      el = outer;
    } else {
      own = "";
    }
    var pieces = String(line.message).split(/(\{[a-z]+\})/);
    for (var i = 0; i < pieces.length; i++) {
      var piece = pieces[i];
      var name = piece.charAt(0) === "{" ? piece.slice(1, -1) : null;
      if (name && Object.prototype.hasOwnProperty.call(line.values, name)) {
        var value = line.values[name], tag = "", dir = "";
        if (name === "title" && line.day && line.day.lang) {
          tag = line.day.lang;
          dir = line.day.dir || "auto";
        } else if (own && typeof value !== "number") {
          tag = own;
          dir = root.dir || "auto";
        }
        if (tag) {
          var words = document.createElement("span");
          words.lang = tag;
          words.dir = dir;
          words.textContent = written(value);
          el.appendChild(words);
        } else {
          el.appendChild(document.createTextNode(written(value)));
        }
      } else if (piece) {
        el.appendChild(document.createTextNode(piece));
      }
    }
  }

  // The slides to show now: today's day (with only its events still to come, as many as
  // fit) first, then the status line, testimonials and this round's honour-roll people.
  function eligible(at) {
    var slides = screen.querySelectorAll("[data-slide]"), shown = [], first = [], people = [];
    for (var i = 0; i < slides.length; i++) {
      var slide = slides[i], kind = slide.getAttribute("data-slide");
      if (kind === "day") {
        if (slide.getAttribute("data-date") !== at.date) { continue; }
        var events = slide.querySelectorAll("[data-until]"), left = 0;
        for (var j = 0; j < events.length; j++) {
          var over = events[j].getAttribute("data-until") < at.time;
          var hide = over || left >= (+d.events || 4);
          events[j].hidden = hide;
          if (!hide) { left++; }
        }
        var heading = slide.querySelector("[data-coming-up]");
        if (heading) { heading.hidden = left === 0; }
        // as many of them as the screen has room for: the last ones give way
        for (j = events.length - 1; j >= 0 && slide.scrollHeight > slide.clientHeight; j--) {
          if (!events[j].hidden) {
            events[j].hidden = true;
            if (--left === 0 && heading) { heading.hidden = true; }
          }
        }
        first.push(slide);
      } else if (kind === "people") {
        people.push(slide);
      } else {
        if (kind === "status") {
          var text = slide.querySelector("[data-status-text]");
          var line = status(at.date);
          if (text && line.message) { fill(text, line); }
        }
        shown.push(slide);
      }
    }
    return first.concat(shown, turn(people));
  }

  // A long honour roll in turns: PEOPLE of its slides a round, the next ones the next
  // round, so that everyone comes on screen and the day's slides still come round often.
  function turn(people) {
    if (people.length <= PEOPLE) { return people; }
    var from = (round * PEOPLE) % people.length, out = [];
    for (var i = 0; i < PEOPLE; i++) { out.push(people[(from + i) % people.length]); }
    return out;
  }

  function show(next) {
    var slides = screen.querySelectorAll("[data-slide]");
    for (var i = 0; i < slides.length; i++) {
      slides[i].classList.toggle("is-current", slides[i] === next);
    }
  }

  function advance() {
    var list = eligible(now());
    if (!list.length) { return; }
    index += 1;
    if (index >= list.length) {  // a new round
      index = 0;
      round += 1;
      list = eligible(now());
    }
    show(list[index]);
  }

  function schedule() {
    if (timer) { clearInterval(timer); }
    timer = setInterval(function () { if (!paused) { advance(); } },
                        Math.max(4, +d.seconds || 12) * 1000);
  }

  // A link of a page fetched from this address, as the browser resolves it.
  function address(href) {
    var a = document.createElement("a");
    a.href = href || "";
    return a.href;
  }

  // This script's address in a newer build of the page when that is not this one's (its
  // link carries a digest of its bytes: a new screen.js is a new address); null if it is.
  function newScript(page) {
    if (!script) { return null; }
    var own = address(script), scripts = page.querySelectorAll("script[src]");
    for (var i = 0; i < scripts.length; i++) {
      var other = address(scripts[i].getAttribute("src"));
      if (other.split("?")[0] === own.split("?")[0]) { return other === own ? null : other; }
    }
    return null;
  }

  // What a newer build changed outside the slides: the brand's colours (the page's own
  // <style>), its language and title, and the stylesheet (fetched again; the old one stays
  // until the new one is in, and if it cannot be fetched).
  function restyle(page) {
    var old = document.head.querySelectorAll("style");
    var fresh = page.head.querySelectorAll("style");
    for (var i = 0; i < fresh.length; i++) {
      document.head.appendChild(document.importNode(fresh[i], true));
    }
    for (i = 0; i < old.length; i++) { old[i].parentNode.removeChild(old[i]); }
    var root = document.documentElement, other = page.documentElement;
    root.lang = other.lang;
    root.dir = other.dir;
    document.title = page.title;
    var sheet = document.head.querySelector('link[rel="stylesheet"]');
    if (!sheet) { return; }
    var again = sheet.cloneNode(false);
    again.href = sheet.href.split("?")[0] + "?t=" + Date.now();
    again.onload = function () { if (sheet.parentNode) { sheet.parentNode.removeChild(sheet); } };
    again.onerror = function () { if (again.parentNode) { again.parentNode.removeChild(again); } };
    sheet.parentNode.insertBefore(again, sheet.nextSibling);
  }

  // A newer build: its slides replace these in one step (no blank frame); from disk, or
  // with the network gone, nothing changes.
  function poll() {
    if (!window.fetch || location.protocol === "file:") { return; }
    fetch("build.json?t=" + Date.now(), {cache: "no-store"}).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (info) {
      if (!info || !info.build || info.build === d.build) { return null; }
      // (the address the screen was opened at: `screen/index.html` on a host that does
      // not turn a folder into its index.html)
      return fetch(location.pathname + "?t=" + Date.now(), {cache: "no-store"}).then(function (r) {
        return r.ok ? r.text() : null;
      });
    }).then(function (html) {
      if (!html) { return null; }
      var page = new DOMParser().parseFromString(html, "text/html");
      var fresh = page.querySelector("[data-screen]");
      if (!fresh) { return null; }
      var code = newScript(page);
      if (!code) { swap(page, fresh); return null; }
      // a new screen.js: the page again, once the script is there to run (the browser
      // keeps showing this one until the new one is drawn), at an address of its own (the
      // same address again may give the page the browser kept, with the old script);
      // without the script, this one
      return fetch(code).then(function (r) {
        if (r.ok) {
          location.replace(location.pathname + "?build=" +
                           encodeURIComponent(fresh.getAttribute("data-build") || ""));
        } else {
          swap(page, fresh);
        }
      }, function () { swap(page, fresh); });
    }).catch(function () { /* offline: keep showing this build */ });
  }

  // A newer build's slides in place of these, in one step.
  function swap(page, fresh) {
    restyle(page);
    var next = document.importNode(fresh, true);
    if (paused) { next.classList.add("is-paused"); }
    screen.replaceWith(next);  // in one step: the old slides stay until the new ones are in
    screen = next;
    d = screen.dataset;
    index = -1;
    advance();
    schedule();
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === " " || event.code === "Space") {
      event.preventDefault();
      paused = !paused;
      screen.classList.toggle("is-paused", paused);
    }
  });

  advance();
  schedule();
  setInterval(poll, POLL);
})();
