/* Secure Base quiz: scores the answers in the browser, so nothing leaves the
   device. Answers are saved only if the reader ticks "remember"; a share link
   holds the two scores only. Markup comes from overrides/quiz.html; text is
   put in with textContent only. Set up on Material's document$, so it also
   works after instant navigation, which re-runs this file on each visit. */
(function () {
  "use strict";

  if (window.sbQuiz) {
    window.sbQuiz.setup();
    return;
  }
  var STORE = "sb-quiz:";
  var SHARE_NUMBER = /^\d{1,2}(\.\d{1,2})?$/;

  function setup() {
    var roots = document.querySelectorAll('[data-module="sb-quiz"]');
    for (var i = 0; i < roots.length; i++) {
      if (roots[i].hasAttribute("data-sb-ready")) continue;
      roots[i].setAttribute("data-sb-ready", "");
      try {
        init(roots[i]);
      } catch (error) {
        if (window.console) console.error("Quiz could not start:", error);
      }
    }
  }

  function init(root) {
    var data = JSON.parse(document.getElementById("sb-quiz-data").textContent);
    var el = function (name) { return root.querySelector("[data-sb-" + name + "]"); };
    var all = function (name) { return root.querySelectorAll("[data-sb-" + name + "]"); };
    var form = el("form"), live = el("live"), notice = el("notice"), errors = el("errors");
    var result = el("result"), remember = el("remember"), forget = el("forget");
    var min = data.scale.min, max = data.scale.max, items = data.items, dims = data.dimensions;
    var storeKey = STORE + root.getAttribute("data-quiz");
    var ownResult = false;
    var timer;

    each(all("js"), function (node) { node.hidden = false; });

    function answers() {
      var out = {};
      items.forEach(function (item) {
        var checked = form.querySelector('input[name="' + item.id + '"]:checked');
        if (checked) out[item.id] = Number(checked.value);
      });
      return out;
    }

    function score(given) {
      var scores = {};
      dims.forEach(function (dim) {
        var sum = 0, count = 0;
        items.forEach(function (item) {
          if (item.dimension !== dim.id) return;
          sum += item.reverse ? min + max - given[item.id] : given[item.id];
          count += 1;
        });
        scores[dim.id] = Math.round((sum * 100) / count) / 100;
      });
      return scores;
    }

    function regionOf(scores, flip) {
      var region = {};
      dims.forEach(function (dim) {
        var high = scores[dim.id] > dim.cutoff;
        region[dim.id] = high !== (dim.id === flip) ? "high" : "low";
      });
      return region;
    }

    function patternOf(scores, flip) {
      var region = regionOf(scores, flip);
      return data.patterns.filter(function (p) {
        return dims.every(function (dim) { return p.region[dim.id] === region[dim.id]; });
      })[0];
    }

    function say(message) {
      clearTimeout(timer);
      live.textContent = "";
      timer = setTimeout(function () { live.textContent = message; }, 100);
    }

    function fixed(value) { return value.toFixed(2); }

    function progress() {
      var count = Object.keys(answers()).length;
      el("progress").textContent = count + " of " + items.length + " answered";
      el("bar").value = count;
      return count;
    }

    function missing() {
      var given = answers();
      return items.filter(function (item) { return !(item.id in given); });
    }

    function showErrors(list) {
      var ul = el("error-list");
      ul.textContent = "";
      list.forEach(function (item) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        var fieldset = document.getElementById("q-" + item.id);
        a.href = "#q-" + item.id;
        a.textContent = fieldset.querySelector("legend").textContent.replace(/\s+/g, " ").trim();
        a.addEventListener("click", function (event) {
          event.preventDefault();
          fieldset.scrollIntoView({ block: "center" });
          fieldset.querySelector("input").focus({ preventScroll: true });
        });
        li.appendChild(a);
        ul.appendChild(li);
      });
      each(form.querySelectorAll("fieldset"), function (fieldset) {
        fieldset.classList.toggle("sb-quiz__item--error", list.some(function (item) { return "q-" + item.id === fieldset.id; }));
      });
      errors.hidden = list.length === 0;
    }

    function render(scores, shared) {
      var pattern = patternOf(scores);
      var map = data.map;
      dims.forEach(function (dim) {
        el('score="' + dim.id + '"').textContent = fixed(scores[dim.id]);
        el('meter="' + dim.id + '"').style.width = ((scores[dim.id] - min) / (max - min)) * 100 + "%";
      });
      var up = dims[0], across = dims[1];
      var point = el("point");
      point.setAttribute("cx", map.left + ((scores[across.id] - min) / (max - min)) * map.size);
      point.setAttribute("cy", map.top + map.size - ((scores[up.id] - min) / (max - min)) * map.size);
      each(all("region"), function (rect) {
        rect.classList.toggle("sb-quiz__region--you", rect.getAttribute("data-sb-region") === pattern.id);
      });
      each(all("pattern"), function (block) {
        block.hidden = block.getAttribute("data-sb-pattern") !== pattern.id;
      });
      el("map-text").textContent =
        "Your point: " + dims.map(function (dim) { return dim.name.toLowerCase() + " " + fixed(scores[dim.id]); }).join(" and ") +
        ", on scales from " + min + " to " + max + ". It is in the " + pattern.name.toLowerCase() + " region of the map.";
      el("boundary").textContent = boundary(scores, pattern);
      el("shared").hidden = !shared;
      el("share").value = location.href.split("#")[0] + "#" + dims.map(function (dim) {
        return dim.id + "=" + fixed(scores[dim.id]);
      }).join("&");
      result.hidden = false;
      return "Your result: " + dims.map(function (dim) { return dim.name.toLowerCase() + " " + fixed(scores[dim.id]); }).join(", ") +
        ". Nearest pattern: " + pattern.name.toLowerCase() + ".";
    }

    function boundary(scores, pattern) {
      var near = dims.filter(function (dim) { return Math.abs(scores[dim.id] - dim.cutoff) <= data.near; });
      var name = pattern.name.toLowerCase();
      if (near.length === 0) {
        return "Your answers sit well inside the " + name + " region. Still, the lines are not official, and no score decides who you are.";
      }
      if (near.length === 1) {
        var other = patternOf(scores, near[0].id).name.toLowerCase();
        return "Your answers sit near the line between " + name + " and " + other + ", so both descriptions may fit you in part.";
      }
      return "Your answers sit near the middle of the map, where all four patterns meet, so no single pattern fits clearly.";
    }

    function showOwnResult(move) {
      var list = missing();
      if (list.length) {
        showErrors(list);
        say(list.length + (list.length === 1 ? " question is" : " questions are") + " not answered yet.");
        if (move) errors.querySelector("h2").focus();
        return;
      }
      showErrors([]);
      notice.hidden = true;
      ownResult = true;
      say(render(score(answers()), false));
      if (move) result.querySelector("h2").focus();
    }

    function save() {
      if (!remember.checked) return;
      store(function (s) { s.setItem(storeKey, JSON.stringify(answers())); });
    }

    function forgetSaved() {
      store(function (s) { s.removeItem(storeKey); });
      remember.checked = false;
      forget.hidden = true;
    }

    function restore() {
      var saved = null;
      store(function (s) { saved = JSON.parse(s.getItem(storeKey) || "null"); });
      if (!saved || typeof saved !== "object") return false;
      items.forEach(function (item) {
        var value = saved[item.id];
        if (typeof value !== "number" || value % 1 || value < min || value > max) return;
        var input = form.querySelector('input[name="' + item.id + '"][value="' + value + '"]');
        if (input) input.checked = true;
      });
      remember.checked = true;
      forget.hidden = false;
      return true;
    }

    function parseShare(fragment) {
      var parts = fragment.split("&");
      var scores = {};
      if (parts.length !== dims.length) return null;
      for (var i = 0; i < parts.length; i++) {
        var pair = parts[i].split("=");
        var dim = dims.filter(function (d) { return d.id === pair[0]; })[0];
        if (pair.length !== 2 || !dim || dim.id in scores || !SHARE_NUMBER.test(pair[1])) return null;
        var value = Number(pair[1]);
        if (!(value >= min && value <= max)) return null;
        scores[dim.id] = value;
      }
      return scores;
    }

    function showNotice(text) {
      notice.textContent = text;
      notice.hidden = false;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      showOwnResult(true);
    });

    form.addEventListener("change", function (event) {
      if (event.target === remember) return;
      progress();
      save();
      var fieldset = event.target.closest("fieldset");
      if (fieldset) fieldset.classList.remove("sb-quiz__item--error");
      if (!errors.hidden) showErrors(missing());
      if (ownResult && !missing().length) say("Result updated. " + render(score(answers()), false));
    });

    remember.addEventListener("change", function () {
      if (remember.checked) {
        forget.hidden = false;
        save();
        say("Your answers will be saved on this device until you choose Forget my answers.");
      } else {
        forgetSaved();
        say("Your answers are no longer saved on this device.");
      }
    });

    forget.addEventListener("click", function () {
      forgetSaved();
      remember.focus();
      say("Your saved answers were removed from this device.");
    });

    el("reset").addEventListener("click", function () {
      form.reset();
      forgetSaved();
      ownResult = false;
      result.hidden = true;
      notice.hidden = true;
      showErrors([]);
      progress();
      if (location.hash) history.replaceState(history.state, "", location.pathname + location.search);
      form.querySelector("input").focus();
      say("All answers cleared. You can start again.");
    });

    el("copy").addEventListener("click", function () {
      var input = el("share");
      var done = function () { say("Link copied."); };
      var fallback = function () {
        input.select();
        say("Select the link and copy it.");
      };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(input.value).then(done, fallback);
      else fallback();
    });

    // "Print result" prints the result alone; printing from the browser menu prints the whole form.
    el("print").addEventListener("click", function () {
      var root = document.documentElement;
      root.classList.add("sb-print-result");
      window.addEventListener("afterprint", function () { root.classList.remove("sb-print-result"); }, { once: true });
      window.print();
    });

    // A share link opened in this tab, or pasted while the quiz is open.
    function fromFragment() {
      var fragment = location.hash.slice(1);
      if (fragment.indexOf("=") < 0) return false;
      var shared = parseShare(fragment);
      if (!shared) {
        showNotice("The link you opened had something in it that is not a quiz result, so it was ignored. You can take the quiz below.");
        say(notice.textContent);
        return true;
      }
      notice.hidden = true;
      showErrors([]);
      ownResult = false;
      say(render(shared, true));
      result.querySelector("h2").focus();
      return true;
    }

    function onHashChange() {
      if (!root.isConnected) window.removeEventListener("hashchange", onHashChange);
      else fromFragment();
    }

    var restored = restore();
    progress();
    window.addEventListener("hashchange", onHashChange);
    if (!fromFragment() && restored) {
      showNotice("Your saved answers were loaded from this device.");
      if (!missing().length) showOwnResult(false);
    }
  }

  function store(action) {
    try {
      action(window.localStorage);
    } catch (error) {
      // Storage can be switched off; the quiz still works without it.
    }
  }

  function each(list, action) {
    Array.prototype.forEach.call(list, action);
  }

  window.sbQuiz = { setup: setup };
  if (window.document$) window.document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", function () {
    if (window.document$) window.document$.subscribe(setup);
    else setup();
  });
})();
