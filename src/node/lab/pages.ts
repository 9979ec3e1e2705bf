// The lab's two pages, small and dependency-free: the learner's join page (a terminal and the lesson's cells) and
// the instructor's dashboard. The instructor's token travels in the URL fragment (#…), which browsers never send to
// a server; the learner page never holds it. Scripts are served from this server (the CSP allows no inline script).

const page = (title: string, body: string, script: string) =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
  `<title>${title}</title><link rel="stylesheet" href="/lab/lab.css"></head><body>${body}<script src="${script}"></script></body></html>\n`;

export const JOIN_HTML = page(
  'podlab lab',
  `<h1>podlab lab</h1>
<form id="join"><label>Code <input id="code" autocomplete="off" required></label>
<label>Your name <input id="name" maxlength="40" required></label><button>Join</button></form>
<p id="status" role="status"></p>
<section id="work" hidden><div id="hint" role="alert"></div><div id="cells"></div>
<pre id="transcript" aria-live="polite"></pre>
<form id="line"><input id="input" autocomplete="off" spellcheck="false" aria-label="command"><button>Run</button></form></section>`,
  '/lab/learner.js',
);

export const INSTRUCTOR_HTML = page(
  'podlab lab — instructor',
  `<h1>podlab lab — instructor <span id="code"></span></h1>
<p><button id="csv">Export CSV</button> <button id="json">Export JSON</button> <button id="junit">Export JUnit</button>
<input id="hintText" placeholder="hint"> <button id="hintAll">Hint everyone</button></p>
<div id="locks"></div><table id="grid"></table><h2 id="who"></h2><pre id="transcript"></pre><p id="status" role="status"></p>`,
  '/lab/instructor.js',
);

export const LAB_CSS = `body{font-family:system-ui,sans-serif;margin:1rem}pre{background:#111;color:#eee;padding:.5rem;max-height:60vh;overflow:auto}
td,th{border:1px solid #ccc;padding:2px 6px}.pass{background:#cfc}.fail{background:#fcc}.idle{opacity:.6}.stuck{outline:2px solid #e80}
#hint{background:#ffd;padding:.3rem}#input{width:60%;font-family:monospace}`;

export const LEARNER_JS = `'use strict';
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
$('code').value = params.get('code') || '';
let ws; let next = 1; let opened = false; let pending = []; // lines typed before the terminal opened, sent once it has
const out = (text) => { $('transcript').textContent += text; $('transcript').scrollTop = 1e9; };
const send = (m) => ws.send(JSON.stringify({ id: next++, ...m }));
// Cells of sections the instructor has not opened yet cannot be run (the server refuses them too).
function lock(locked) { for (const b of $('cells').querySelectorAll('button')) { const l = locked.includes(b.dataset.cell); b.disabled = l; b.title = l ? 'locked by the instructor' : ''; } }
function connect(token) {
  ws = new WebSocket(location.origin.replace(/^http/, 'ws') + '/lab/ws');
  ws.onopen = () => ws.send(JSON.stringify({ type: 'learner', token }));
  ws.onclose = (e) => { $('status').textContent = 'disconnected: ' + (e.reason || e.code) + ' — reconnecting…'; if (e.code !== 4401) setTimeout(() => connect(token), 2000); };
  ws.onmessage = (ev) => {
    const m = JSON.parse(ev.data);
    if (m.type === 'lab-welcome') {
      $('join').hidden = true; $('work').hidden = false; $('status').textContent = 'joined as ' + m.name;
      $('transcript').textContent = '';
      for (const t of m.transcript) out(t.input + '\\n' + t.output);
      $('cells').textContent = '';
      const lesson = m.lessons[0];
      for (const c of lesson.cells) { const b = document.createElement('button'); b.textContent = 'run ' + c; b.dataset.cell = c; b.onclick = () => send({ type: 'run-cell', cellId: c }); $('cells').append(b); }
      lock(m.locked);
      opened = m.lessonId !== undefined && m.terminals.includes('t');
      if (opened) { for (const line of pending) send({ type: 'terminal-line', terminalId: 't', line }); pending = []; }
      if (m.lessonId === undefined) send({ type: 'open', lessonId: lesson.id });
      if (!m.terminals.includes('t')) send({ type: 'terminal-open', terminalId: 't' });
    } else if (m.type === 'terminal-opened') { opened = true; for (const line of pending) send({ type: 'terminal-line', terminalId: 't', line }); pending = []; }
    else if (m.type === 'terminal-result') out(m.result.output);
    else if (m.type === 'cell-outcome') out(m.outcome.output + m.outcome.checks.map((c) => (c.passed ? 'PASS ' : 'FAIL ') + c.text + (c.passed ? '' : ': ' + c.reason)).join('\\n') + '\\n');
    else if (m.type === 'error') out('error: ' + m.message + '\\n');
    else if (m.type === 'lab-locks') lock(m.locked);
    else if (m.type === 'lab-hint') $('hint').textContent = 'Hint: ' + m.text;
    else if (m.type === 'lab-reset') { ws.close(); }
  };
}
$('join').onsubmit = async (e) => {
  e.preventDefault();
  const r = await fetch('/lab/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: $('code').value, name: $('name').value }) });
  if (!r.ok) { $('status').textContent = await r.text(); return; }
  const j = await r.json(); localStorage.setItem('podlab-lab-token', j.token); connect(j.token);
};
$('line').onsubmit = (e) => { e.preventDefault(); const line = $('input').value; $('input').value = ''; out('$ ' + line + '\\n'); if (opened) send({ type: 'terminal-line', terminalId: 't', line }); else pending.push(line); };
const saved = localStorage.getItem('podlab-lab-token'); if (saved) connect(saved);
`;

export const INSTRUCTOR_JS = `'use strict';
const $ = (id) => document.getElementById(id);
const token = location.hash.slice(1);
const ws = new WebSocket(location.origin.replace(/^http/, 'ws') + '/lab/ws');
const send = (m) => ws.send(JSON.stringify(m));
ws.onopen = () => send({ type: 'instructor', token });
ws.onclose = (e) => { $('status').textContent = 'disconnected: ' + (e.reason || e.code); };
function cell(tr, text, cls, title) { const td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; if (title) td.title = title; tr.append(td); return td; }
// One picker per lesson: learners may run the sections up to the one chosen ("all" opens everything).
function locks(d) {
  const box = $('locks'); if (box.contains(document.activeElement)) return; box.textContent = '';
  for (const l of d.lessons) {
    const label = document.createElement('label'); label.textContent = l.title + ' — open through ';
    const pick = document.createElement('select'); pick.dataset.lesson = l.id;
    const all = document.createElement('option'); all.value = ''; all.textContent = 'all sections'; pick.append(all);
    for (const s of l.sections) { const o = document.createElement('option'); o.value = s.number; o.textContent = s.number + ' ' + s.title; pick.append(o); }
    pick.value = l.openThrough === null ? '' : l.openThrough;
    pick.onchange = () => send(pick.value === '' ? { type: 'lock', lessonId: l.id } : { type: 'lock', lessonId: l.id, openThrough: pick.value });
    label.append(pick); box.append(label, document.createElement('br'));
  }
}
function grid(d) {
  locks(d);
  $('code').textContent = 'code ' + d.code;
  const t = $('grid'); t.textContent = '';
  const head = document.createElement('tr'); cell(head, 'learner');
  const cols = d.lessons.flatMap((l) => l.checks.map((c) => ({ key: l.id + '/' + c.id, text: c.text })));
  for (const c of cols) cell(head, c.key, '', c.text);
  cell(head, 'actions'); t.append(head);
  for (const l of d.learners) {
    const tr = document.createElement('tr');
    tr.className = (l.idle ? 'idle ' : '') + (l.stuck ? 'stuck' : '');
    const name = cell(tr, l.name + (l.connected ? '' : ' (away)') + (l.stuck ? ' — stuck' : '') + (l.idle ? ' — idle' : ''));
    name.onclick = () => { $('who').textContent = l.name; send({ type: 'transcript', learnerId: l.id }); };
    for (const c of cols) { const r = l.checks[c.key]; cell(tr, r ? (r.passed ? 'passed' : 'failed') : '—', r ? (r.passed ? 'pass' : 'fail') : '', r && !r.passed ? r.reason : ''); }
    const act = cell(tr, '');
    const reset = document.createElement('button'); reset.textContent = 'reset'; reset.onclick = () => confirm('Reset ' + l.name + '?') && send({ type: 'reset', learnerId: l.id });
    const hint = document.createElement('button'); hint.textContent = 'hint'; hint.onclick = () => send({ type: 'hint', learnerId: l.id, text: $('hintText').value });
    act.append(reset, hint); t.append(tr);
  }
}
function download(name, text) { const a = document.createElement('a'); a.href = URL.createObjectURL(new Blob([text])); a.download = name; a.click(); }
ws.onmessage = (ev) => {
  const m = JSON.parse(ev.data);
  if (m.type === 'dashboard') grid(m);
  else if (m.type === 'transcript') $('transcript').textContent = m.entries.map((e) => e.input + '\\n' + e.output).join('');
  else if (m.type === 'export') download(m.format === 'junit' ? 'junit.xml' : 'grades.' + m.format, m.text);
  else if (m.type === 'locks') $('status').textContent = 'sections open: ' + (Object.entries(m.locks).map(([k, v]) => k + ' through ' + v).join(', ') || 'all');
  else if (m.type === 'error') $('status').textContent = m.message;
  else if (m.type === 'hint-sent') $('status').textContent = 'hint sent to ' + m.to;
};
$('csv').onclick = () => send({ type: 'export', format: 'csv' });
$('json').onclick = () => send({ type: 'export', format: 'json' });
$('junit').onclick = () => send({ type: 'export', format: 'junit' });
$('hintAll').onclick = () => send({ type: 'hint', text: $('hintText').value });
`;
