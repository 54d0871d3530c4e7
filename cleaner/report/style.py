"""The report page's look: the colour of each rule class, the inline CSS and the inline JS."""

# One fixed colour per known rule class; other classes get hues spread by the golden angle.
CLASS_COLOURS = {
    "teaser": "#fde68a",
    "repeated": "#c7d2fe",
    "bio": "#fbcfe8",
    "address": "#bbf7d0",
    "audio": "#a5f3fc",
    "meta": "#e9d5ff",
    "notice": "#fed7aa",
    "social": "#bfdbfe",
    "promo": "#fecaca",
    "ad": "#fca5a5",
    "legal": "#d9f99d",
    "nav": "#d1d5db",
    "model": "#99f6e4",
    "profile": "#f5d0fe",
}

CSS = """
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#f8fafc}
header,#summary,#docs{max-width:1200px;margin:0 auto;padding:0 16px}
h1{font-size:20px;margin:16px 0 4px}
h2{font-size:16px;margin:12px 0 6px}
[hidden]{display:none!important}
.stats{display:flex;flex-wrap:wrap;gap:6px 20px;margin:4px 0 10px;color:#374151}
.stats b{color:#111827}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #e5e7eb}
th,td{padding:3px 8px;border-bottom:1px solid #f1f5f9;text-align:left;vertical-align:middle}
th{background:#f1f5f9;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.rule{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all}
.sw{display:inline-block;width:12px;height:12px;border-radius:2px;background:var(--c);border:1px solid #0003;vertical-align:-2px;margin-right:6px}
.bar{display:block}
.bar rect{fill:var(--c);stroke:#0004}
.controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0 14px}
button{font:inherit;padding:2px 10px;border:1px solid #cbd5e1;border-radius:4px;background:#fff;cursor:pointer}
button:hover{background:#f1f5f9}
#shown{color:#4b5563}
details.doc{background:#fff;border:1px solid #e5e7eb;border-radius:6px;margin:6px 0;content-visibility:auto;contain-intrinsic-size:auto 36px}
details.doc>summary{cursor:pointer;padding:6px 10px;display:flex;flex-wrap:wrap;gap:4px 12px;align-items:baseline}
details.doc[open]>summary{border-bottom:1px solid #e5e7eb;background:#f8fafc}
.src{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:600;word-break:break-all}
.cnt{color:#4b5563;white-space:nowrap}
.ttl{color:#6b7280;font-style:italic;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:40em}
.err{color:#b91c1c}
.body{display:grid;grid-template-columns:minmax(0,1fr) 18rem;gap:12px;padding:10px}
@media (max-width:800px){.body{grid-template-columns:minmax(0,1fr)}}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font:12.5px/1.5 ui-monospace,Menlo,Consolas,monospace;margin:0}
.removed{display:block;background:var(--c);border-left:4px solid #0005;padding:0 4px;margin:2px 0;color:#374151}
.removed.off{background:none;border-left-color:#0001;color:#9ca3af}
.lbl{font:600 11.5px/1.6 system-ui,sans-serif;color:#111827;white-space:normal}
.lbl i{font-weight:400;color:#4b5563}
.removed.off .lbl{color:#9ca3af}
.note{font-weight:400;color:#92400e}
aside.meta{font-size:12.5px;border-left:1px solid #e5e7eb;padding-left:10px}
aside.meta dl{margin:0}
aside.meta dt{font-weight:600;color:#4b5563;margin-top:6px}
aside.meta dd{margin:0;overflow-wrap:anywhere}
.none{color:#9ca3af}
"""

JS = """
(function(){
var boxes=[].slice.call(document.querySelectorAll('#summary input.rf'));
var docs=[].slice.call(document.querySelectorAll('details.doc'));
var spans=[].slice.call(document.querySelectorAll('.removed'));
var owner=spans.map(function(s){return s.closest('details.doc');});
var shown=document.getElementById('shown');
function apply(){
var on=new Set();
boxes.forEach(function(b){if(b.checked)on.add(b.value);});
var all=on.size===boxes.length,hit=new Set();
spans.forEach(function(s,i){var k=on.has(s.dataset.rule);s.classList.toggle('off',!k);if(k)hit.add(owner[i]);});
var n=0;
docs.forEach(function(d){var v=all||hit.has(d);d.hidden=!v;if(v)n++;});
shown.textContent=n+' of '+docs.length+' documents shown';
}
function setAll(v){boxes.forEach(function(b){b.checked=v;});apply();}
boxes.forEach(function(b){b.addEventListener('change',apply);});
document.getElementById('all').addEventListener('click',function(){setAll(true);});
document.getElementById('none').addEventListener('click',function(){setAll(false);});
document.getElementById('open').addEventListener('click',function(){docs.forEach(function(d){if(!d.hidden)d.open=true;});});
document.getElementById('close').addEventListener('click',function(){docs.forEach(function(d){d.open=false;});});
apply();
})();
"""
