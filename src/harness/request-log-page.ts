import { randomBytes } from "node:crypto";
import type { Query } from "../http/params.ts";
import { escapeHtml } from "../web/html.ts";

function field(query: Query, name: string): string {
  const value = query[name];
  return escapeHtml((Array.isArray(value) ? value[0] : value) ?? "");
}

const METHODS = ["", "GET", "POST", "PATCH", "DELETE"];

/**
 * The live request log: the server renders the frame and the filter form (everything it interpolates
 * escaped); a small script polls `GET /__quire/requests?after=…` each second and builds rows with
 * `textContent` only, so nothing a client sent can become markup. The harness token travels in the
 * page's own URL and is sent back as a header.
 */
export function renderRequestLogPage(query: Query): { html: string; nonce: string } {
  const nonce = randomBytes(16).toString("base64");
  const method = field(query, "method").toUpperCase();
  const options = METHODS.map(
    (m) => `<option value="${m}"${m === method ? " selected" : ""}>${m === "" ? "any" : m}</option>`,
  ).join("");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Quire request log</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">
body{font:14px system-ui,sans-serif;margin:0;color:#222}header{padding:12px 16px;background:#f6f5f4;border-bottom:1px solid #ddd}
h1{font-size:16px;margin:0 0 8px}form{display:flex;gap:8px;flex-wrap:wrap;align-items:center}
input,select,button{font:inherit;padding:3px 6px}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eee;white-space:nowrap}
td.path{white-space:normal;word-break:break-all;font-family:ui-monospace,monospace}
tr.row{cursor:pointer}tr.row:hover{background:#f3f8ff}.s2{color:#1a7f37}.s4{color:#b35900}.s5,.s0{color:#c62828}
pre{background:#fafafa;border:1px solid #eee;padding:8px;margin:4px 0;white-space:pre-wrap;word-break:break-all;max-height:400px;overflow:auto}
#status{color:#666}
</style></head><body>
<header><h1>Quire request log</h1>
<form id="filters" method="get">
<input type="hidden" name="token" value="${field(query, "token")}">
<label>Method <select name="method">${options}</select></label>
<label>Path <input name="path" value="${field(query, "path")}" placeholder="/v1/pages or /v1/*/query"></label>
<label>Status <input name="status" size="5" value="${field(query, "status")}" placeholder="4xx"></label>
<label>Integration <input name="integration" value="${field(query, "integration")}" placeholder="name or id"></label>
<button type="submit">Filter</button>
<label><input type="checkbox" id="pause"> Pause</label>
<button type="button" id="clear">Clear log</button>
<span id="status"></span>
</form></header>
<table><thead><tr><th>#</th><th>Time</th><th>Method</th><th>Path</th><th>Status</th><th>ms</th><th>Integration</th><th>Version</th><th>Fault</th></tr></thead>
<tbody id="rows"></tbody></table>
<script nonce="${nonce}">
(() => {
  const params = new URLSearchParams(location.search);
  const headers = { "x-quire-harness-token": params.get("token") || "" };
  const filters = new URLSearchParams();
  for (const name of ["method", "path", "status", "integration"]) if (params.get(name)) filters.set(name, params.get(name));
  const rows = document.getElementById("rows");
  const status = document.getElementById("status");
  let after = null;
  const cell = (tr, text, cls) => { const td = tr.insertCell(); td.textContent = text == null ? "" : String(text); if (cls) td.className = cls; };
  const show = (value) => typeof value === "string" ? value : JSON.stringify(value, null, 2);
  function detail(entry) {
    const tr = document.createElement("tr");
    const td = tr.insertCell(); td.colSpan = 9;
    for (const [label, value] of [["Request headers", entry.request_headers], ["Request body", entry.request_body], ["Response body", entry.response_body]]) {
      const b = document.createElement("b"); b.textContent = label + (value == null ? ": none" : ""); td.append(b);
      if (value != null) { const pre = document.createElement("pre"); pre.textContent = show(value); td.append(pre); }
    }
    return tr;
  }
  function add(entry) {
    const tr = document.createElement("tr"); tr.className = "row";
    cell(tr, entry.seq); cell(tr, entry.time.slice(11, 23)); cell(tr, entry.method);
    cell(tr, entry.path + (entry.query ? "?" + entry.query : ""), "path");
    cell(tr, entry.status == null ? "dropped" : entry.status, "s" + String(entry.status == null ? 0 : entry.status)[0]);
    cell(tr, entry.duration_ms); cell(tr, entry.integration ? entry.integration.name : (entry.user_id ? "person" : ""));
    cell(tr, entry.notion_version); cell(tr, entry.fault);
    let open = null;
    tr.addEventListener("click", () => { if (open) { open.remove(); open = null; } else { open = detail(entry); tr.after(open); } });
    rows.prepend(tr);
    while (rows.rows.length > 2000) rows.lastElementChild.remove();
  }
  async function poll() {
    if (!document.getElementById("pause").checked) {
      const query = new URLSearchParams(filters); query.set("limit", "200");
      if (after !== null) query.set("after", String(after));
      try {
        const response = await fetch("/__quire/requests?" + query, { headers });
        const body = await response.json();
        if (!response.ok) throw new Error(body.message || response.status);
        for (const entry of body.results) add(entry);
        after = body.results.length ? body.results[body.results.length - 1].seq : (after ?? body.latest_seq);
        status.textContent = "live";
      } catch (error) { status.textContent = "error: " + error.message; }
    }
    setTimeout(poll, 1000);
  }
  document.getElementById("clear").addEventListener("click", async () => {
    await fetch("/__quire/requests", { method: "DELETE", headers }); rows.textContent = "";
  });
  poll();
})();
</script></body></html>`;
  return { html, nonce };
}
