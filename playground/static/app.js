// corsim playground: the page's editor and views. The engine itself is corsim.run, defined by
// corsim.wasm (playground/wasm); this file only edits a scenario and shows the engine's report.
"use strict";

const PROFILES = ["spec", "chromium", "firefox", "webkit"];
const PROFILE_NAMES = { spec: "spec", chromium: "Chromium", firefox: "Firefox", webkit: "WebKit" };
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const MODES = ["cors", "no-cors", "same-origin"];
const CREDENTIALS = ["same-origin", "include", "omit"];
const REDIRECTS = ["follow", "error", "manual"];
// The lesson a page without a scenario in its address starts with.
const DEFAULT_PRESET = "missing-allow-headers";
const CACHES = ["default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"];

// The scenario being edited. raw is the scenario object as read (keys the editor does not know are
// kept and exported unchanged) less its servers, which are kept as a list of [url, route] so that
// a URL can be renamed, or typed twice, without losing a server.
let model = { raw: {}, servers: [] };
let presets = [];
let engineReady = false;
let lastReport = null;
let lastStatus = "";
let firstVerdictAt = 0;
let engineReadyAt = 0;
let seq = 0; // numbers the ids of generated controls

const $ = (sel, root = document) => root.querySelector(sel);

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "value") e.value = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return e;
}

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

const nextId = (p) => p + "-" + ++seq;

// ---- The scenario and its line ----

function setScenario(obj) {
  const raw = Object.assign({}, obj);
  const servers = raw.servers && typeof raw.servers === "object" ? Object.entries(raw.servers) : [];
  if (!("servers" in raw)) raw.servers = null; // keep its place among the keys: after page_origin
  raw.fetches = Array.isArray(raw.fetches) ? raw.fetches : [];
  model = { raw, servers: servers.map(([u, r]) => [u, r && typeof r === "object" ? r : {}]) };
}

function scenarioObject() {
  const out = {};
  for (const [k, v] of Object.entries(model.raw)) {
    if (k === "servers") {
      if (model.servers.length) out.servers = Object.fromEntries(model.servers);
    } else out[k] = v;
  }
  if (!("servers" in model.raw) && model.servers.length) out.servers = Object.fromEntries(model.servers);
  return out;
}

const scenarioLine = () => JSON.stringify(scenarioObject());

function b64urlEncode(s) {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function b64urlDecode(s) {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

// ---- Editors ----

function labelled(labelText, control, hint) {
  const id = control.id || (control.id = nextId("c"));
  return el("div", { class: "field" }, el("label", { for: id }, labelText, hint ? el("span", { class: "hint" }, " " + hint) : null), control);
}

function textInput(value, onInput, attrs = {}) {
  return el("input", Object.assign({ type: "text", value: value ?? "", spellcheck: "false", autocomplete: "off", autocapitalize: "off",
    oninput: (e) => { onInput(e.target.value); changed(); } }, attrs));
}

function selectInput(options, value, onChange) {
  const s = el("select", { onchange: (e) => { onChange(e.target.value); changed(); } },
    options.map((o) => el("option", { value: o, text: o })));
  s.value = value || options[0];
  return s;
}

// headerList edits a list of [name, value] pairs in place. what names the list for the labels of
// its controls ("header of fetch() 1", …).
function headerList(list, what, listKey, touch = () => {}) {
  const box = el("div", { class: "headers", "data-list": listKey });
  const rows = el("div", { class: "rows" });
  const draw = (focusIndex) => {
    rows.replaceChildren();
    if (list.length === 0) rows.append(el("p", { class: "hint empty", text: "No headers." }));
    list.forEach((h, i) => {
      const n = i + 1;
      const name = textInput(h[0], (v) => { touch(); h[0] = v; }, { "aria-label": `Name of ${what} ${n}`, class: "h-name", placeholder: "Name" });
      const value = textInput(h[1], (v) => { touch(); h[1] = v; }, { "aria-label": `Value of ${what} ${n}`, class: "h-value", placeholder: "Value" });
      const remove = el("button", { type: "button", class: "remove", "aria-label": `Remove ${what} ${n}`, title: "Remove this header",
        onclick: () => {
          touch();
          list.splice(i, 1);
          draw(Math.min(i, list.length - 1));
          if (list.length === 0) add.focus();
          changed();
        } }, "×");
      rows.append(el("div", { class: "row" }, name, value, remove));
      if (i === focusIndex) queueMicrotask(() => name.focus());
    });
  };
  const add = el("button", { type: "button", class: "add-header secondary", onclick: () => {
    touch();
    list.push(["", ""]);
    draw(list.length - 1);
    changed();
  } }, "Add header");
  draw(-1);
  box.append(rows, add);
  return box;
}

function fetchEditor(f, i) {
  const n = i + 1;
  const fs = el("fieldset", { class: "fetch", "data-fetch": i });
  fs.append(el("legend", {}, `fetch() ${n}`));
  if (i > 0) {
    fs.append(labelled("Wait before this call (ms)", el("input", { type: "number", min: "0", step: "1000", value: f.wait_ms ?? 0,
      oninput: (e) => { const v = parseInt(e.target.value, 10); if (v > 0) f.wait_ms = v; else delete f.wait_ms; changed(); } }),
      "(moves a virtual clock; only the preflight cache looks at it)"));
  }
  fs.append(labelled("URL", textInput(f.url, (v) => { f.url = v; }, { class: "url" })));
  const method = textInput(f.method || "GET", (v) => { f.method = v; }, { list: "methods" });
  fs.append(labelled("method", method, "(any token; patch stays lower-case)"));
  fs.append(el("div", { class: "group-label", id: nextId("g") }, "headers"));
  if (!Array.isArray(f.headers)) f.headers = [];
  fs.append(headerList(f.headers, `request header of fetch() ${n}`, "request"));
  const body = el("textarea", { rows: "2", spellcheck: "false", oninput: (e) => { if (e.target.value === "") delete f.body; else f.body = e.target.value; changed(); } });
  body.value = f.body ?? "";
  fs.append(labelled("body", body, "(a string; empty means no body)"));
  const modes = el("div", { class: "modes" },
    labelled("mode", selectInput(MODES, f.mode, (v) => { f.mode = v; })),
    labelled("credentials", selectInput(CREDENTIALS, f.credentials, (v) => { f.credentials = v; })),
    labelled("redirect", selectInput(REDIRECTS, f.redirect, (v) => { f.redirect = v; })),
    labelled("cache", selectInput(CACHES, f.cache, (v) => { f.cache = v; })));
  fs.append(modes);
  fs.append(el("div", { class: "group-label" }, "As script writes it"));
  fs.append(el("pre", { class: "code", "data-code": i }, el("code", { text: callCode(f) })));
  if (model.raw.fetches.length > 1) {
    fs.append(el("button", { type: "button", class: "secondary", onclick: () => {
      model.raw.fetches.splice(i, 1);
      drawEditors();
      $("#add-fetch").focus();
      changed();
    } }, `Remove fetch() ${n}`));
  }
  return fs;
}

// callCode is the fetch() call as a script would write it.
function callCode(f) {
  const init = [];
  const q = (s) => JSON.stringify(s);
  if (f.method && f.method !== "GET") init.push(`method: ${q(f.method)}`);
  const hs = (f.headers || []).filter((h) => h[0] !== "" || h[1] !== "");
  if (hs.length) {
    const names = hs.map((h) => h[0].toLowerCase());
    if (new Set(names).size === names.length) {
      init.push("headers: {" + hs.map((h) => `${q(h[0])}: ${q(h[1])}`).join(", ") + "}");
    } else init.push("headers: [" + hs.map((h) => `[${q(h[0])}, ${q(h[1])}]`).join(", ") + "]");
  }
  if (f.stream_body) init.push('body: stream, duplex: "half"');
  else if (f.body !== undefined && f.body !== null) init.push(`body: ${q(f.body)}`);
  for (const [k, def] of [["mode", "cors"], ["credentials", "same-origin"], ["redirect", "follow"], ["cache", "default"]]) {
    if (f[k] && f[k] !== def) init.push(`${k}: ${q(f[k])}`);
  }
  if (!init.length) return `await fetch(${q(f.url || "")});`;
  return `await fetch(${q(f.url || "")}, {\n  ${init.join(",\n  ")},\n});`;
}

function answerEditor(route, key, what, listKey, withBody) {
  const box = el("div", { class: "answer", "data-answer": key });
  const title = key === "options" ? "Answer to the preflight (OPTIONS)" : "Answer to the request (and to each redirect hop)";
  box.append(el("h4", {}, title));
  if (Array.isArray(route[key + "_seq"])) {
    box.append(el("p", { class: "hint" }, `This URL answers with a sequence (${key}_seq, ${route[key + "_seq"].length} answers); edit it in the scenario line below.`));
    return box;
  }
  // An absent answer is a 404 with no headers; the first edit writes it into the route.
  const configured = !!route[key];
  const draft = route[key] || { status: 404, headers: [] };
  if (!Array.isArray(draft.headers)) draft.headers = [];
  const own = () => { route[key] = draft; return draft; };
  const status = el("input", { type: "number", min: "100", max: "999", value: draft.status,
    oninput: (e) => { own().status = parseInt(e.target.value, 10) || 0; changed(); } });
  box.append(labelled("status", status, configured ? "" : "(none configured: the server answers 404)"));
  box.append(el("div", { class: "group-label" }, "headers"));
  box.append(headerList(draft.headers, what, listKey, own));
  if (withBody) {
    const body = el("textarea", { rows: "2", spellcheck: "false", oninput: (e) => { if (e.target.value === "") delete own().body; else own().body = e.target.value; changed(); } });
    body.value = draft.body ?? "";
    box.append(labelled("body", body));
  }
  return box;
}

function serverEditor(entry, i) {
  const n = i + 1;
  const [, route] = entry;
  const fs = el("fieldset", { class: "server", "data-server": i });
  fs.append(el("legend", {}, `Server ${n}`));
  fs.append(labelled("URL", textInput(entry[0], (v) => { entry[0] = v; }, { class: "url" }), "(an absolute URL; any other URL answers 404)"));
  fs.append(answerEditor(route, "options", `header of server ${n}'s preflight answer`, "options", false));
  fs.append(answerEditor(route, "actual", `header of server ${n}'s answer`, "actual", true));
  fs.append(el("button", { type: "button", class: "secondary", onclick: () => {
    model.servers.splice(i, 1);
    drawEditors();
    $("#add-server").focus();
    changed();
  } }, `Remove server ${n}`));
  return fs;
}

function drawEditors() {
  $("#page-origin").value = model.raw.page_origin ?? "";
  const fetches = $("#fetches");
  fetches.replaceChildren(...model.raw.fetches.map(fetchEditor));
  $("#servers").replaceChildren(...model.servers.map(serverEditor));
}

// ---- Running and showing ----

let pending = false;
function changed() {
  for (const pre of document.querySelectorAll("pre[data-code]")) {
    const f = model.raw.fetches[+pre.dataset.code];
    if (f) pre.firstChild.textContent = callCode(f);
  }
  if (pending) return;
  pending = true;
  document.documentElement.dataset.pending = "1";
  requestAnimationFrame(() => { pending = false; delete document.documentElement.dataset.pending; update(); });
}

function update() {
  const line = scenarioLine();
  const lineBox = $("#line");
  if (document.activeElement !== lineBox) lineBox.value = line;
  history.replaceState(null, "", "#s=" + b64urlEncode(line));
  if (!engineReady) return;
  const urls = model.servers.map((s) => s[0]);
  const dup = urls.find((u, i) => urls.indexOf(u) !== i);
  let rep;
  if (dup !== undefined) rep = { error: `corsim: two servers have the URL ${JSON.stringify(dup)}` };
  else {
    try { rep = JSON.parse(globalThis.corsim.run(line)); } catch (e) { rep = { error: "corsim: the engine failed: " + e }; }
  }
  show(rep);
  if (!firstVerdictAt) {
    firstVerdictAt = performance.now();
    document.documentElement.dataset.firstVerdictMs = String(Math.round(firstVerdictAt));
    $("#timing").textContent = `Engine ready ${Math.round(engineReadyAt)} ms after the page began loading; first verdict at ${Math.round(firstVerdictAt)} ms.`;
  }
  const root = document.documentElement.dataset;
  root.renders = String((+root.renders || 0) + 1);
  root.ready = "1";
}

function show(rep) {
  lastReport = rep;
  const err = $("#error");
  if (rep.error) {
    err.hidden = false;
    err.textContent = rep.error;
    setStatus("The scenario cannot run: " + rep.error);
    $("#compare").replaceChildren();
    $("#detail").replaceChildren();
    return;
  }
  err.hidden = true;
  const fetches = rep.profiles[0].fetches.length;
  const lines = [];
  const tables = [];
  for (let i = 0; i < fetches; i++) {
    const per = rep.profiles.map((p) => p.fetches[i]);
    lines.push(summary(i, per, rep.profiles));
    tables.push(compareTable(i, per, rep.profiles));
  }
  if (!fetches) lines.push("The scenario makes no fetch() call.");
  setStatus(lines.join(" "), shortSummary(rep));
  $("#compare").replaceChildren(...tables);
  drawDetail();
}

function setStatus(text, short) {
  $("#mini-text").textContent = short || text;
  if (text === lastStatus) return;
  lastStatus = text;
  $("#status").textContent = text;
}

const outcomeWord = (f) => (f.outcome === "ok" ? "OK" : f.outcome === "js-error" ? "rejected" : "blocked");

function summary(i, per, profiles) {
  const groups = new Map();
  per.forEach((f, k) => {
    const key = outcomeWord(f) + (f.reason ? ` (${f.reason}${f.failed_parameter ? " " + f.failed_parameter : ""})` : "");
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(PROFILE_NAMES[profiles[k].profile]);
  });
  const head = `fetch() ${i + 1}, ${per[0].method} ${per[0].url}:`;
  if (groups.size === 1) return `${head} ${[...groups.keys()][0]} in all four profiles.`;
  return head + " " + [...groups].map(([k, ps]) => `${k} in ${ps.join(", ")}`).join("; ") + ".";
}

// shortSummary is the phone's verdict bar: each fetch's outcome in one line.
function shortSummary(rep) {
  const n = rep.profiles[0].fetches.length;
  const parts = [];
  for (let i = 0; i < n; i++) {
    const words = rep.profiles.map((p) => outcomeWord(p.fetches[i]));
    const same = new Set(words).size === 1;
    parts.push((n > 1 ? `${i + 1}: ` : "") + (same ? `${words[0]} in all four` : rep.profiles.map((p, k) => `${PROFILE_NAMES[p.profile]} ${words[k]}`).join(", ")));
  }
  return parts.join("; ") || "no fetch() call";
}

function sentText(f) {
  if (!f.sent.length) return "nothing";
  return f.sent.map((s) => `${s.method} ${shortURL(s.url)}${s.preflight ? " (preflight)" : ""} → ${s.status}`).join("\n");
}

function shortURL(u) {
  try { const x = new URL(u); return x.host + x.pathname + x.search; } catch { return u; }
}

const ROWS = [
  ["Result", (f) => f.result],
  ["DevTools reason", (f) => (f.reason ? f.reason + (f.failed_parameter ? ` (${f.failed_parameter})` : "") : "none")],
  ["Requests sent", sentText],
  ["Preflight cache", (f) => (f.cache.length ? f.cache.join("\n") : "no preflight needed")],
  ["Script can read", (f) => f.script],
  ["Console message", (f) => f.message || "none"],
  ["Fix", (f) => f.fix || "nothing to fix"],
  ["Warnings", (f) => (f.warnings.length ? f.warnings.map((w) => `${w.id}: ${w.detail}`).join("\n") : "none")],
];

function compareTable(i, per, profiles) {
  const wrap = el("div", { class: "compare", "data-fetch": i });
  const differ = ROWS.filter(([, get]) => new Set(per.map(get)).size > 1).map(([name]) => name.toLowerCase());
  wrap.append(el("h3", {}, `fetch() ${i + 1}: ${per[0].method} ${per[0].url}`));
  wrap.append(el("p", { class: "hint" }, differ.length ? `The profiles differ in: ${differ.join(", ")}.` : "The four profiles agree on everything but the wording of the console message."));
  const table = el("table", {});
  table.append(el("caption", { class: "visually-hidden" }, `fetch() ${i + 1} in each profile`));
  table.append(el("thead", {}, el("tr", {}, el("td", {}), profiles.map((p) => el("th", { scope: "col" }, PROFILE_NAMES[p.profile])))));
  const tbody = el("tbody");
  // The outcome row always has one cell per profile: the test and the reader find each verdict there.
  const outcomeRow = el("tr", { class: "outcome-row" }, el("th", { scope: "row" }, "Verdict"));
  per.forEach((f, k) => {
    outcomeRow.append(el("td", { "data-fetch": i, "data-profile": profiles[k].profile, "data-outcome": f.outcome, "data-reason": f.reason || "",
      "data-label": PROFILE_NAMES[profiles[k].profile] }, el("span", { class: "badge " + (f.outcome === "ok" ? "ok" : "bad") }, outcomeWord(f))));
  });
  tbody.append(outcomeRow);
  for (const [name, get] of ROWS) {
    const vals = per.map(get);
    const tr = el("tr", {}, el("th", { scope: "row" }, name));
    if (new Set(vals).size === 1 && name !== "Console message") {
      tr.append(el("td", { colspan: "4", class: "same", "data-label": "All four" }, vals[0]));
    } else {
      vals.forEach((v, k) => tr.append(el("td", { "data-label": PROFILE_NAMES[profiles[k].profile], "data-row": name, "data-profile": profiles[k].profile }, v)));
    }
    tbody.append(tr);
  }
  table.append(tbody);
  wrap.append(table);
  return wrap;
}

function pickedProfile() {
  const r = document.querySelector('input[name="profile"]:checked');
  return r ? r.value : "chromium";
}

function drawDetail() {
  const rep = lastReport;
  const box = $("#detail");
  if (!rep || rep.error) return;
  const prof = rep.profiles.find((p) => p.profile === pickedProfile()) || rep.profiles[0];
  box.replaceChildren(...prof.fetches.map((f, i) => detailFor(f, i, prof.profile)));
}

function detailFor(f, i, profile) {
  const sec = el("section", { class: "walk", "aria-label": `fetch() ${i + 1} as ${PROFILE_NAMES[profile]} does it` });
  sec.append(el("h3", {}, `fetch() ${i + 1} as ${PROFILE_NAMES[profile]} does it`));
  sec.append(el("p", { class: "result " + (f.outcome === "ok" ? "ok" : "bad") }, f.result));
  sec.append(diagram(f, i));
  sec.append(el("h4", {}, "Steps"));
  sec.append(el("ol", { class: "steps" }, f.steps.map((s) => el("li", {},
    s.href ? el("a", { href: s.href, class: "anchor", target: "_blank", rel: "noopener" }, s.anchor) : el("span", { class: "anchor" }, s.anchor),
    " ", el("span", { class: "looked" }, s.looked_at), " → ", el("span", { class: "decision" }, s.decision)))));
  sec.append(el("h4", {}, "Requests the browser sent"));
  if (!f.sent.length) sec.append(el("p", {}, "None."));
  for (const s of f.sent) {
    const what = (s.preflight ? "preflight, " : "") + (s.credentials ? "with credentials" : "without credentials");
    sec.append(el("div", { class: "exchange" },
      el("p", { class: "req" }, el("strong", {}, s.method), " ", s.url, " ", el("span", { class: "hint" }, `(${what})`)),
      el("ul", { class: "hdrs" }, s.headers.map((h) => el("li", {}, el("code", {}, `${h[0].toLowerCase()}: ${h[1]}`)))),
      el("p", { class: "resp" }, "Answer: ", el("strong", {}, String(s.status))),
      s.response_headers.length ? el("ul", { class: "hdrs" }, s.response_headers.map((h) => el("li", {}, el("code", {}, `${h[0]}: ${h[1]}`)))) : null));
  }
  const facts = el("dl", { class: "facts" });
  const fact = (k, v) => v && facts.append(el("dt", {}, k), el("dd", {}, v));
  fact("Script can read", f.script);
  fact("DevTools reason", f.reason ? f.reason + (f.failed_parameter ? ` (${f.failed_parameter})` : "") : "");
  fact("Console", f.message);
  fact("Fix", f.fix);
  sec.append(facts);
  return sec;
}

// diagram draws the exchange as a sequence diagram: the script, the browser, and one lifeline for
// each server origin the browser talked to.
function diagram(f, i) {
  const origins = [];
  const originOf = (u) => { try { return new URL(u).origin; } catch { return u; } };
  for (const s of f.sent) if (!origins.includes(originOf(s.url))) origins.push(originOf(s.url));
  if (!origins.length) origins.push(originOf(f.url));
  const cols = ["Script", "Browser", ...origins.map((o) => o.replace(/^https?:\/\//, ""))];
  const colW = 210, left = 80, top = 46, rowH = 40;
  const msgs = [];
  msgs.push({ from: 0, to: 1, text: `fetch() ${f.method} ${pathOf(f.url)}` });
  for (const c of f.cache) if (c.startsWith("preflight answered")) msgs.push({ from: 1, to: 1, text: "preflight cache hit: no OPTIONS" });
  f.sent.forEach((s) => {
    const col = 2 + origins.indexOf(originOf(s.url));
    msgs.push({ from: 1, to: col, text: `${s.method} ${pathOf(s.url)}${s.preflight ? " (preflight)" : ""}` });
    msgs.push({ from: col, to: 1, text: String(s.status) + statusNote(s), dashed: true });
  });
  if (f.reason) msgs.push({ from: 1, to: 1, text: `✗ ${f.reason}${f.failed_parameter ? " (" + f.failed_parameter + ")" : ""}`, cls: "bad" });
  if (f.outcome === "ok") msgs.push({ from: 1, to: 0, text: `resolves: ${f.response_type}, status ${f.status}`, cls: "ok" });
  else if (f.outcome === "js-error") msgs.push({ from: 1, to: 0, text: "throws TypeError", cls: "bad" });
  else msgs.push({ from: 1, to: 0, text: `rejects: TypeError`, cls: "bad" });
  const w = left * 2 + colW * (cols.length - 1);
  const h = top + rowH * msgs.length + 24;
  const titleId = nextId("dt"), descId = nextId("dd");
  const s = svg("svg", { viewBox: `0 0 ${w} ${h}`, width: w, height: h, role: "img", "aria-labelledby": `${titleId} ${descId}`, class: "seq" });
  s.append(svg("title", { id: titleId }, `Sequence diagram of fetch() ${i + 1}`));
  s.append(svg("desc", { id: descId }, msgs.map((m) => `${cols[m.from]} to ${cols[m.to]}: ${m.text}`).join(". ")));
  const defs = svg("defs");
  const mk = svg("marker", { id: `arrow-${i}`, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" });
  mk.append(svg("path", { d: "M0,0 L10,5 L0,10 z", class: "head" }));
  defs.append(mk);
  s.append(defs);
  cols.forEach((c, k) => {
    const x = left + k * colW;
    s.append(svg("text", { x, y: 18, class: "who", "text-anchor": "middle" }, clip(c, 28)));
    s.append(svg("line", { x1: x, y1: 28, x2: x, y2: h - 8, class: "life" }));
  });
  msgs.forEach((m, k) => {
    const y = top + k * rowH + 16;
    const x1 = left + m.from * colW, x2 = left + m.to * colW;
    const cls = "msg" + (m.dashed ? " dashed" : "") + (m.cls ? " " + m.cls : "");
    if (m.from === m.to) {
      s.append(svg("path", { d: `M${x1},${y - 8} h34 v14 h-30`, class: cls, fill: "none", "marker-end": `url(#arrow-${i})` }));
      s.append(svg("text", { x: x1 + 40, y: y + 2, class: "label " + (m.cls || "") }, m.text));
      return;
    }
    s.append(svg("line", { x1, y1: y, x2: x2 + (x2 > x1 ? -2 : 2), y2: y, class: cls, "marker-end": `url(#arrow-${i})` }));
    s.append(svg("text", { x: (x1 + x2) / 2, y: y - 6, class: "label " + (m.cls || ""), "text-anchor": "middle" }, clip(m.text, 34)));
  });
  const box = el("div", { class: "diagram", tabindex: "0", role: "region", "aria-label": `Sequence diagram of fetch() ${i + 1} (scrolls sideways)` });
  box.append(s);
  return box;
}

function statusNote(s) {
  if (s.status >= 300 && s.status < 400) {
    const loc = s.response_headers.find((h) => h[0].toLowerCase() === "location");
    if (loc) return ` → ${clip(loc[1], 22)}`;
  }
  if (s.status === 404 && !s.response_headers.length) return " (nothing configured)";
  return "";
}

function pathOf(u) {
  try { const x = new URL(u); return x.pathname + x.search; } catch { return u; }
}

const clip = (s, n) => (s.length > n ? s.slice(0, n - 1) + "…" : s);

// ---- Presets, import, sharing ----

function loadPreset(id) {
  const p = presets.find((x) => x.id === id);
  const lesson = $("#lesson");
  if (!p) { lesson.hidden = true; return; }
  setScenario(JSON.parse(JSON.stringify(p.scenario)));
  lesson.textContent = p.lesson;
  lesson.hidden = false;
  $("#preset").value = id;
  drawEditors();
  changed();
}

function importLine(text) {
  let obj;
  try { obj = JSON.parse(text); } catch (e) { show({ error: "corsim: the scenario line is not JSON: " + e.message }); return false; }
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) { show({ error: "corsim: a scenario line is a JSON object" }); return false; }
  setScenario(obj);
  $("#preset").value = presets.some((p) => p.id === obj.id) ? obj.id : "";
  $("#lesson").hidden = true;
  drawEditors();
  changed();
  return true;
}

async function copy(text, what) {
  const note = $("#copied");
  try {
    await navigator.clipboard.writeText(text);
    note.textContent = what + " copied.";
  } catch {
    const box = $("#line");
    box.focus();
    box.select();
    note.textContent = "Copying is not allowed here: the line is selected, copy it with your keyboard.";
  }
}

function wire() {
  $("#preset").addEventListener("change", (e) => {
    if (e.target.value) loadPreset(e.target.value);
    else $("#lesson").hidden = true;
  });
  $("#page-origin").addEventListener("input", (e) => { model.raw.page_origin = e.target.value; changed(); });
  $("#add-fetch").addEventListener("click", () => {
    const fs = model.raw.fetches;
    fs.push(fs.length ? JSON.parse(JSON.stringify(fs[fs.length - 1])) : { url: "https://api.example/" });
    drawEditors();
    const last = document.querySelectorAll("#fetches fieldset.fetch");
    last[last.length - 1].querySelector("input").focus();
    changed();
  });
  $("#add-server").addEventListener("click", () => {
    const f = model.raw.fetches[0];
    let url = "https://api.example/";
    try { if (f) url = new URL(f.url, model.raw.page_origin).href; } catch { /* keep the default */ }
    model.servers.push([url, { actual: { status: 200, headers: [] } }]);
    drawEditors();
    const all = document.querySelectorAll("#servers fieldset.server");
    all[all.length - 1].querySelector("input").focus();
    changed();
  });
  for (const r of document.querySelectorAll('input[name="profile"]')) r.addEventListener("change", drawDetail);
  $("#copy-link").addEventListener("click", () => copy(location.href, "Link"));
  $("#copy-line").addEventListener("click", () => copy(scenarioLine(), "Scenario line"));
  $("#load-line").addEventListener("click", () => { if (importLine($("#line").value.trim())) $("#results").focus(); });
  window.addEventListener("hashchange", () => fromHash());
  // A datalist of methods for every method box.
  document.body.append(el("datalist", { id: "methods" }, METHODS.map((m) => el("option", { value: m }))));
}

// fromHash loads the scenario the address names: #s=<base64url of the line> or #preset=<id>.
function fromHash() {
  const h = location.hash.slice(1);
  const params = new URLSearchParams(h);
  if (params.has("s")) {
    let text;
    try { text = b64urlDecode(params.get("s")); } catch { show({ error: "corsim: the link's scenario is damaged (not base64url)" }); return false; }
    if (text === scenarioLine()) return true;
    return importLine(text);
  }
  if (params.has("preset") && presets.some((p) => p.id === params.get("preset"))) {
    loadPreset(params.get("preset"));
    return true;
  }
  return false;
}

async function startEngine() {
  const go = new Go();
  let result;
  if (WebAssembly.instantiateStreaming) {
    result = await WebAssembly.instantiateStreaming(fetch("corsim.wasm"), go.importObject);
  } else {
    result = await WebAssembly.instantiate(await (await fetch("corsim.wasm")).arrayBuffer(), go.importObject);
  }
  const ready = new Promise((resolve) => { globalThis.corsimReady = resolve; });
  go.run(result.instance);
  if (!globalThis.corsim) await ready;
}

async function main() {
  wire();
  const presetsLoaded = fetch("presets.json").then((r) => r.json()).then((ps) => {
    presets = ps;
    const sel = $("#preset");
    for (const p of ps) sel.append(el("option", { value: p.id, text: p.title }));
  });
  const engine = startEngine().then(() => { engineReady = true; engineReadyAt = performance.now(); });
  try {
    await presetsLoaded;
  } catch (e) {
    show({ error: "corsim: could not load the lessons: " + e });
  }
  if (!fromHash()) loadPreset(presets.some((p) => p.id === DEFAULT_PRESET) ? DEFAULT_PRESET : (presets[0] || {}).id);
  try {
    await engine;
  } catch (e) {
    setStatus("The engine did not load: " + e);
    $("#error").hidden = false;
    $("#error").textContent = "corsim: the WebAssembly engine did not load: " + e;
    return;
  }
  update();
}

main();
