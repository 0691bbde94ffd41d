/* armsledger report: draws the charts with Vega-Embed, and makes each group table sort, filter and open
   its members in the page. No network: everything it needs is in this file. */
(function () {
  "use strict";

  // --- charts: Vega-Lite specs from the page, drawn as SVG so that their marks can be counted
  var specs = JSON.parse(document.getElementById("chart-specs").textContent);
  var drawn = Object.keys(specs).map(function (key) {
    return vegaEmbed("#chart-" + key, specs[key], { renderer: "svg", actions: false })
      .then(function (result) { return result.view; });
  });
  Promise.all(drawn).then(
    function () { document.body.setAttribute("data-charts", "ready"); },
    function (error) { document.body.setAttribute("data-charts", "failed"); console.error(error); });

  // --- tables of groups
  function text(node) { return (node.textContent || "").toLowerCase(); }

  function initTable(table) {
    var tbody = table.tBodies[0];
    var pairs = Array.prototype.map.call(tbody.querySelectorAll("tr.group"), function (row) {
      var members = row.nextElementSibling;
      return { row: row, members: members, text: text(row) + " " + text(members) };
    });
    var controls = document.querySelector('.filters[data-table="' + table.id + '"]');
    var shown = controls ? controls.querySelector(".shown") : null;

    function matches(pair, wanted) {
      var row = pair.row;
      if (wanted.text && pair.text.indexOf(wanted.text) < 0) return false;
      if (wanted.multi && Number(row.getAttribute("data-sources")) < 2) return false;
      for (var name in wanted.equal) {
        var want = wanted.equal[name];
        if (!want) continue;
        var have = (row.getAttribute("data-" + name) || "").split("; ");
        if (have.indexOf(want) < 0) return false;
      }
      return true;
    }

    function filter() {
      var wanted = { text: "", multi: false, equal: {} };
      if (controls) {
        controls.querySelectorAll("[data-filter]").forEach(function (c) {
          var name = c.getAttribute("data-filter");
          if (name === "text") wanted.text = c.value.trim().toLowerCase();
          else if (name === "multi") wanted.multi = c.checked;
          else wanted.equal[name] = c.value;
        });
      }
      var count = 0;
      pairs.forEach(function (pair) {
        var ok = matches(pair, wanted);
        pair.row.hidden = !ok;
        if (!ok) { pair.members.hidden = true; }
        else if (pair.row.classList.contains("open")) { pair.members.hidden = false; }
        count += ok ? 1 : 0;
      });
      if (shown) shown.textContent = count + " of " + pairs.length + " shown";
      table.setAttribute("data-shown", String(count));
    }

    function toggle(pair) {
      var open = !pair.row.classList.contains("open");
      pair.row.classList.toggle("open", open);
      pair.members.hidden = !open;
      var button = pair.row.querySelector("button.open");
      if (button) button.setAttribute("aria-expanded", String(open));
    }

    function sortBy(th) {
      var column = Array.prototype.indexOf.call(th.parentNode.children, th);
      var numeric = th.getAttribute("data-sort") === "num";
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      function key(pair) {
        var cell = pair.row.children[column];
        var value = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
        return numeric ? (value === "" ? null : Number(value)) : value.toLowerCase();
      }
      var keyed = pairs.map(function (pair, i) { return { pair: pair, key: key(pair), i: i }; });
      keyed.sort(function (a, b) {
        var empty = (a.key === null || a.key === "") - (b.key === null || b.key === "");
        if (empty) return empty;  // rows without a value last, either way
        var order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
        return (ascending ? order : -order) || a.i - b.i;
      });
      pairs = keyed.map(function (k) { return k.pair; });
      pairs.forEach(function (pair) { tbody.appendChild(pair.row); tbody.appendChild(pair.members); });
    }

    pairs.forEach(function (pair) {
      pair.row.addEventListener("click", function (event) {
        if (event.target.closest("a")) return;
        toggle(pair);
      });
    });
    table.querySelectorAll("th[data-sort]").forEach(function (th) {
      th.addEventListener("click", function () { sortBy(th); });
    });
    if (controls) {
      controls.querySelectorAll("[data-filter]").forEach(function (c) {
        c.addEventListener(c.tagName === "INPUT" && c.type === "search" ? "input" : "change", filter);
      });
    }
    filter();
  }

  document.querySelectorAll("table.groups").forEach(initTable);
  document.body.setAttribute("data-tables", "ready");
})();
