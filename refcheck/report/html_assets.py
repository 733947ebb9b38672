"""The HTML report's inline style sheet and script (kept apart so the renderer reads as HTML).

No web fonts, no images but the crops of the PDF's pages embedded as data URIs, no requests:
the page must look the same offline, forwarded by mail.
"""

from __future__ import annotations

STYLE = """
:root { color-scheme: light; --error: #a3001b; --warning: #7a4d00; --info: #0b4f9c;
  --line: #c9ced6; --muted: #4a5260; --bg-soft: #f4f6f9; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; color: #14171c;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
[hidden] { display: none !important; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .5rem; padding-top: .5rem; border-top: 3px solid #14171c;
  overflow-wrap: anywhere; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1rem 0 .5rem; }
h5 { font-size: 1rem; margin: 0 0 .25rem; }
a { color: #0645ad; }
a:focus-visible, input:focus-visible, button:focus-visible { outline: 3px solid #f5a623;
  outline-offset: 2px; }
code { font: .92em ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .93rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; color: var(--muted); }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
thead th { background: var(--bg-soft); white-space: nowrap; }
th { overflow-wrap: normal; }
td.number, th.number { text-align: right; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: flex-start;
  background: var(--bg-soft); border: 1px solid var(--line); padding: .75rem 1rem;
  border-radius: 6px; margin: 1rem 0; }
.filters fieldset { border: 0; margin: 0; padding: 0; }
.filters legend { font-weight: 600; padding: 0; margin-bottom: .25rem; }
.filters label { margin-right: .9rem; white-space: nowrap; }
.filters button { font: inherit; padding: .2rem .7rem; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 4px; font-weight: 600;
  font-size: .85rem; border: 1px solid currentColor; }
.sev-error { color: var(--error); }
.sev-warning { color: var(--warning); }
.sev-info { color: var(--info); }
.finding { border: 1px solid var(--line); border-left: 6px solid currentColor;
  border-radius: 4px; padding: .6rem .9rem; margin: .75rem 0; }
.finding > * { color: #14171c; }
.finding > h5 .badge { color: inherit; }
.finding.sev-error > h5 .badge { color: var(--error); }
.finding.sev-warning > h5 .badge { color: var(--warning); }
.finding.sev-info > h5 .badge { color: var(--info); }
.where, .muted { color: var(--muted); }
.fix { background: #eef7ee; border-left: 4px solid #2e7d32; padding: .3rem .6rem; }
.status-verified { color: #1b5e20; }
.status-metadata-mismatch, .status-not-found { color: var(--error); }
.status-unverified, .status-not-checkable, .status-not-checked { color: var(--muted); }
dl.evidence { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem;
  margin: .5rem 0; }
dl.evidence dt { font-weight: 600; }
dl.evidence dd { margin: 0; overflow-wrap: anywhere; }
figure.spot { margin: .5rem 0; }
blockquote.sentence { margin: 0 0 .4rem; padding: .2rem .7rem; border-left: 4px solid var(--line);
  background: var(--bg-soft); }
blockquote.sentence mark { background: #ffe066; padding: 0 .1rem; }
.spot img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line);
  margin-top: .3rem; }
details.spot summary { cursor: pointer; color: var(--muted); font-size: .88rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .filters { display: none; }
  h2 { break-before: page; }
  section.document:first-of-type h2 { break-before: auto; }
  .finding, tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  a.doi::after { content: " <" attr(href) ">"; font-size: .85em; }
  thead th, .fix { background: none; }
}
"""

SCRIPT = """
(function () {
  "use strict";
  var filters = document.getElementById("filters");
  var boxes = Array.prototype.slice.call(filters.querySelectorAll("input[type=checkbox]"));
  var findings = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  var status = document.getElementById("filter-status");
  function chosen(name) {
    return boxes.filter(function (b) { return b.name === name && b.checked; })
      .map(function (b) { return b.value; });
  }
  function apply() {
    var severities = chosen("severity"), rules = chosen("rule"), shown = 0;
    findings.forEach(function (finding) {
      var visible = severities.indexOf(finding.dataset.severity) >= 0 &&
        rules.indexOf(finding.dataset.rule) >= 0;
      finding.hidden = !visible;
      if (visible) { shown += 1; }
    });
    document.querySelectorAll(".severity-group").forEach(function (group) {
      var count = group.querySelectorAll(".finding:not([hidden])").length;
      group.hidden = count === 0;
      group.querySelector(".shown").textContent = String(count);
    });
    document.querySelectorAll(".document").forEach(function (section) {
      var none = section.querySelector(".none-shown");
      if (none) {
        none.hidden = section.querySelector(".finding:not([hidden])") !== null ||
          section.querySelector(".finding") === null;
      }
    });
    status.textContent = "Showing " + shown + " of " + findings.length + " findings";
  }
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  document.getElementById("show-all").addEventListener("click", function () {
    boxes.forEach(function (box) { box.checked = true; });
    apply();
  });
  filters.hidden = false;
  apply();
})();
"""
