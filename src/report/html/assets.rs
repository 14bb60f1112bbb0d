//! The page's inline style and script, kept apart from the markup. Nothing is fetched:
//! system fonts only, no images, no external script.

/// The stylesheet, inlined in `<style>`.
pub const CSS: &str = r#"
:root { --ink:#1d2430; --muted:#5b6575; --line:#d8dde5; --bg:#f6f7f9; --card:#fff;
  --err:#c62828; --err-bg:#fdecea; --warn:#b26a00; --warn-bg:#fff4e0; --ok:#2e7d32; --new:#1565c0;
  --ref:#2e7d32; --dis:#e09b00; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:var(--bg); }
header { background:#22303f; color:#fff; padding:16px 28px 10px; }
header h1 { margin:0 0 4px; font-size:22px; }
header .intro { margin:0 0 8px; color:#d6dde6; max-width:70em; }
header nav a { color:#9fd0ff; }
main { padding:8px 28px 40px; max-width:1400px; }
h2 { border-bottom:2px solid var(--line); padding-bottom:4px; margin-top:28px; }
section { margin-bottom:12px; }
.muted { color:var(--muted); }
.cards { display:flex; flex-wrap:wrap; gap:10px; margin-bottom:14px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:8px 16px; min-width:110px; }
.card .v { font-size:24px; font-weight:700; }
.card .k { color:var(--muted); font-size:13px; }
.card.wide .v { font-size:15px; padding-top:7px; }
.card.error .v { color:var(--err); }
.card.warning .v { color:var(--warn); }
table { border-collapse:collapse; background:var(--card); margin:0 16px 14px 0; display:inline-table; vertical-align:top; }
th, td { border:1px solid var(--line); padding:4px 10px; text-align:left; vertical-align:top; }
th { background:#eef1f5; font-weight:600; }
td.n { text-align:right; font-variant-numeric:tabular-nums; }
td.zero { color:#aab; }
td.conflict { color:var(--err); font-weight:700; }
td.warn { color:var(--warn); font-weight:700; }
td.agree { color:var(--ok); }
td.new { color:var(--new); }
.sev { display:inline-block; border-radius:4px; padding:0 6px; font-size:12px; font-weight:700; text-transform:uppercase; letter-spacing:.03em; }
.sev.error { background:var(--err); color:#fff; }
.sev.warning { background:var(--warn); color:#fff; }
.sev.info { background:#607d8b; color:#fff; }
figure.tl { background:var(--card); border:1px solid var(--line); border-radius:8px; margin:0 0 16px; padding:10px 14px; }
figure.tl figcaption { font-weight:700; font-size:17px; margin-bottom:4px; }
figure.tl figcaption code { font-weight:400; color:var(--muted); font-size:13px; }
svg.timeline { display:block; max-width:1200px; font-size:12px; }
svg.timeline .label { fill:var(--ink); font-size:12px; }
svg.timeline a .label { fill:#0b57a4; text-decoration:underline; }
svg.timeline .tick { fill:var(--muted); font-size:11px; }
svg.timeline .mark text.val { fill:var(--ink); font-size:11px; stroke:none; }
svg.timeline .mark.conflict text.val { fill:var(--err); font-weight:700; }
svg.timeline .mark.warn text.val { fill:#8a5a00; font-weight:700; }
svg.timeline .grid { stroke:#e6e9ee; }
svg.timeline .axis { stroke:#8a94a3; }
svg.timeline .row { stroke:#eef0f3; stroke-width:1; }
svg.timeline .band rect { fill:var(--ref); fill-opacity:.16; stroke:var(--ref); stroke-opacity:.6; stroke-dasharray:4 3; }
svg.timeline .band text { fill:var(--ref); font-weight:700; font-size:11px; }
svg.timeline .band.disputed rect { fill:var(--dis); fill-opacity:.2; stroke:var(--dis); }
svg.timeline .band.disputed text { fill:#8a5a00; }
svg.timeline .mark { cursor:pointer; }
svg.timeline .mark rect, svg.timeline .mark circle { stroke:#fff; stroke-width:1.5; }
svg.timeline .mark.claim rect, svg.timeline .mark.claim circle { fill:#78909c; }
svg.timeline .mark.conflict rect, svg.timeline .mark.conflict circle { fill:var(--err); stroke:#7f0000; }
svg.timeline .mark.warn rect, svg.timeline .mark.warn circle { fill:var(--dis); stroke:#7a4a00; }
svg.timeline .mark.other rect, svg.timeline .mark.other circle { fill:#fff; stroke:var(--ink); stroke-width:2; }
svg.timeline .mark.agree rect, svg.timeline .mark.agree circle { fill:var(--ok); }
svg.timeline .mark.new rect, svg.timeline .mark.new circle { fill:var(--new); }
svg.timeline .mark:hover rect, svg.timeline .mark:hover circle { stroke:#000; stroke-width:2.5; }
.legend { font-size:13px; color:var(--muted); }
.key { display:inline-block; width:14px; height:10px; border-radius:2px; margin:0 3px 0 10px; vertical-align:middle; border:1px solid #999; }
.key.conflict { background:var(--err); } .key.warn { background:var(--dis); } .key.other { background:#fff; border:2px solid var(--ink); }
.key.agree { background:var(--ok); } .key.new { background:var(--new); } .key.claim { background:#78909c; }
.key.band { background:rgba(46,125,50,.25); border:1px dashed var(--ref); } .key.disputed { background:rgba(224,155,0,.3); border:1px dashed var(--dis); }
ul.refs { margin:6px 0 0; padding-left:20px; color:var(--muted); font-size:13px; }
.filters { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:8px 12px; margin-bottom:12px; position:sticky; top:0; z-index:2; }
.filters .group { margin-right:18px; }
.filters label { margin-right:8px; white-space:nowrap; }
.filters .shown { color:var(--muted); }
article.item { background:var(--card); border:1px solid var(--line); border-left:6px solid #607d8b; border-radius:6px; padding:8px 14px 10px; margin-bottom:14px; }
article.item.error { border-left-color:var(--err); }
article.item.warning { border-left-color:var(--warn); }
article.item h3 { margin:2px 0 8px; font-size:16px; font-weight:600; }
article.item:target { box-shadow:0 0 0 3px #9fd0ff; }
.passage { margin:6px 0; }
.passage .file { font-size:13px; font-weight:600; }
.passage.primary .file::before { content:"▶ "; color:var(--err); }
.ctx .where { font-size:12px; color:var(--muted); }
.ctx pre { white-space:pre-wrap; word-break:break-word; background:#fafbfc; border:1px solid var(--line); border-radius:4px; padding:6px 10px; margin:2px 0; font:13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; max-height:16em; overflow:auto; }
mark { background:#ffe08a; padding:0 2px; border-radius:2px; outline:1px solid #e0b000; }
.passage.primary mark { background:#ffc9c4; outline-color:var(--err); }
.help { margin:6px 0 0; }
.help strong { color:var(--ok); }
.note { margin:4px 0; color:var(--muted); }
.quote { margin:6px 0; padding:4px 10px; background:#eef7ee; border:1px dashed var(--ref); border-radius:4px; }
.jump { margin:4px 0 0; font-size:13px; }
details.doc { background:var(--card); border:1px solid var(--line); border-radius:6px; margin-bottom:8px; padding:6px 12px; }
details.doc summary { cursor:pointer; }
details.doc:target { box-shadow:0 0 0 3px #9fd0ff; }
.badge { background:var(--err-bg); color:var(--err); border-radius:10px; padding:0 8px; font-size:12px; font-weight:700; }
ul.doc-items { padding-left:18px; }
table.claims { margin-top:8px; font-size:13px; display:table; }
table.claims tr.conflict td { background:var(--err-bg); }
table.claims tr.warn td { background:var(--warn-bg); }
[hidden] { display:none !important; }
footer { color:var(--muted); font-size:12px; padding:12px 28px; }
@media print { .filters { display:none; } details.doc { break-inside:avoid; } }
"#;

/// The Content-Security-Policy hash of `JS`: only this script may run on the page, so
/// even a planted script that escaped escaping would not. Recompute it when `JS` changes
/// (`printf %s "$JS" | openssl dgst -sha256 -binary | base64`); the browser tests fail
/// otherwise, as the filters then stay hidden.
pub const JS_SHA256: &str = "6M8Ow185fXL1SeNzUNIJyYa1mX5aZmppQLjp+jSVUTg=";

/// The filter script, inlined in `<script>`. Without it every item stays visible.
pub const JS: &str = r#"
(function () {
  var form = document.querySelector('form.filters');
  if (!form) { return; }
  form.hidden = false;
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[data-filter]'));
  var items = Array.prototype.slice.call(document.querySelectorAll('.item[data-code]'));
  var shown = form.querySelector('.shown');
  function on(kind) {
    var set = {};
    boxes.forEach(function (b) { if (b.dataset.filter === kind && b.checked) { set[b.value] = true; } });
    return set;
  }
  function apply() {
    var codes = on('code'), sevs = on('severity'), n = 0, total = 0;
    items.forEach(function (el) {
      var visible = codes[el.dataset.code] === true && sevs[el.dataset.severity] === true;
      el.hidden = !visible;
      if (el.tagName === 'ARTICLE') { total += 1; if (visible) { n += 1; } }
    });
    if (shown) { shown.textContent = n + ' of ' + total + ' shown'; }
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  apply();
})();
"#;
