/** Reports of `ha-lint lab --traffic`: the terminal table, JSON, and a self-contained HTML page with SVG timelines. */
import { alignedTable } from "./text-table.js";
import type { TrafficResult, TrafficScenario } from "./traffic.js";

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const backends = (b: Record<string, number>): string =>
  Object.entries(b)
    .map(([k, v]) => `${k}:${v}`)
    .join(" ") || "none";
const holderRun = (s: TrafficScenario): string =>
  s.holders
    .map((h) => h.holders.join("+") || "nobody")
    .filter((h, i, a) => i === 0 || a[i - 1] !== h)
    .join(" -> ") || "-";

export function trafficText(result: TrafficResult): string {
  const out: string[] = [];
  for (const c of result.clusters) {
    if (c.skipped) {
      out.push(`cluster ${c.id}: skipped: ${c.skipped}`, "");
      continue;
    }
    out.push(`cluster ${c.id} · targets ${c.targets.map((t) => `${t.id} (${t.mode})`).join(", ")}`);
    for (const n of c.nodes)
      out.push(
        `  ${n.name}: HAProxy ${n.haproxy}${n.haproxyError ? ` (${n.haproxyError})` : ""}, ` +
          `ip_nonlocal_bind=${n.sysctl["net.ipv4.ip_nonlocal_bind"] ?? "0"}`,
      );
    const header = ["scenario", "VIP holder", "sent", "failed", "outage", "backends", "verdict", "predicted", "agree"];
    const rows = c.scenarios.map((s) => [
      s.id,
      holderRun(s),
      String(s.sent),
      String(s.failed),
      secs(s.outageMs),
      backends(s.backends),
      s.verdict,
      s.predicted.verdicts.join(" or "),
      s.agree ? "yes" : "NO",
    ]);
    out.push(...alignedTable(header, rows));
    for (const s of c.scenarios) {
      out.push(
        `  ${s.id}: predicted ${s.predicted.why}${s.predicted.findings.length ? ` [${s.predicted.findings.join("; ")}]` : ""}`,
      );
    }
    const dis = c.scenarios.filter((s) => !s.agree);
    for (const s of dis)
      out.push(`  DISAGREEMENT ${s.id}: predicted ${s.predicted.verdicts.join(" or ")}, the lab saw ${s.verdict}`);
    if (c.error) out.push(`  error: ${c.error}`);
    for (const n of c.notes) out.push(`  note: ${n}`);
    if (c.logs)
      for (const [k, v] of Object.entries(c.logs))
        out.push(
          `  log of ${k} (last lines):`,
          ...v
            .split("\n")
            .filter(Boolean)
            .map((l) => `    ${l}`),
        );
    out.push("");
  }
  out.push(
    `${result.scenarios} traffic scenario${result.scenarios === 1 ? "" : "s"}: ${result.agreements} as predicted, ` +
      `${result.disagreements} not · --max-outage ${result.maxOutageMs} ms · ${result.seconds}s`,
  );
  return out.join("\n") + "\n";
}

export function trafficJson(result: TrafficResult): string {
  const { labDir: _dir, ...rest } = result;
  return JSON.stringify({ version: 1, kind: "traffic", ...rest }, null, 2) + "\n";
}

export function trafficExitCode(result: TrafficResult): number {
  return result.disagreements > 0 || result.clusters.some((c) => c.error !== undefined) ? 1 : 0;
}

const esc = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
const PALETTE = ["#2b6cb0", "#b7791f", "#6b46c1", "#2f855a", "#c53030", "#319795"];

function timeline(s: TrafficScenario, nodes: string[], targets: number): string {
  const W = 900;
  const left = 90;
  const span = Math.max(1, s.end - s.start);
  const x = (t: number): number => left + ((t - s.start) / span) * (W - left - 10);
  const rowH = 22;
  const out: string[] = [];
  const H = 30 + rowH * (nodes.length + targets) + 30;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" ` +
      `aria-label="${esc(s.title)} timeline">`,
  );
  let y = 20;
  // VIP holder lanes: one per node, filled while it holds the VIP.
  nodes.forEach((n, i) => {
    out.push(`<text x="4" y="${y + 15}" font-size="12">VIP ${esc(n)}</text>`);
    out.push(`<rect x="${left}" y="${y + 3}" width="${W - left - 10}" height="${rowH - 6}" fill="#edf2f7"/>`);
    for (let k = 0; k < s.holders.length; k++) {
      const h = s.holders[k];
      if (!h.holders.includes(n)) continue;
      const a = Math.max(s.start, h.t);
      const b = k + 1 < s.holders.length ? s.holders[k + 1].t : s.end;
      out.push(
        `<rect x="${x(a).toFixed(1)}" y="${y + 3}" width="${Math.max(1, x(b) - x(a)).toFixed(1)}" ` +
          `height="${rowH - 6}" fill="${PALETTE[i % PALETTE.length]}"><title>${esc(n)} holds the VIP</title></rect>`,
      );
    }
    y += rowH;
  });
  // Request lanes: one tick per request, green ok, red failed.
  for (let t = 0; t < targets; t++) {
    out.push(`<text x="4" y="${y + 15}" font-size="12">requests${targets > 1 ? ` #${t + 1}` : ""}</text>`);
    for (const [ts, ok, i] of s.samples)
      if (i === t)
        out.push(
          `<rect x="${x(ts).toFixed(1)}" y="${y + 3}" width="2" height="${rowH - 6}" ` +
            `fill="${ok ? "#38a169" : "#e53e3e"}"/>`,
        );
    y += rowH;
  }
  // Axis: seconds from the start of the scenario.
  const step = span > 20_000 ? 5000 : span > 8000 ? 2000 : 1000;
  for (let t = 0; t <= span; t += step)
    out.push(
      `<line x1="${x(s.start + t)}" x2="${x(s.start + t)}" y1="${y + 2}" y2="${y + 7}" stroke="#555"/><text ` +
        `x="${x(s.start + t) - 6}" y="${y + 20}" font-size="11">${t / 1000}s</text>`,
    );
  out.push("</svg>");
  return out.join("");
}

export function trafficHtml(result: TrafficResult): string {
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>ha-lint lab --traffic</title><style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1a202c;max-width:980px}
h1{font-size:22px}h2{font-size:18px;margin-top:28px}h3{font-size:15px;margin:18px 0 4px}
table{border-collapse:collapse;font-size:13px;margin:8px 0}td,th{border:1px solid #cbd5e0;padding:3px 8px;text-align:left}
.ok{color:#276749;font-weight:600}.bad{color:#c53030;font-weight:600}.note{color:#4a5568;font-size:12px}
.legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}
</style></head><body>`);
  parts.push(
    `<h1>ha-lint lab --traffic</h1><p>${result.scenarios} scenarios: <b>${result.agreements}</b> as predicted, <b ` +
      `class="${result.disagreements ? "bad" : "ok"}">${result.disagreements}</b> not. Longest tolerated outage ` +
      `(--max-outage): ${result.maxOutageMs} ms. Run time ${result.seconds} s.</p>`,
  );
  parts.push(
    `<p class="legend">Timelines: <span style="background:#2b6cb0"></span>VIP held by a node <span ` +
      `style="background:#38a169"></span>request answered <span style="background:#e53e3e"></span>request failed</p>`,
  );
  for (const c of result.clusters) {
    parts.push(`<h2>${esc(c.id)}</h2>`);
    if (c.skipped) {
      parts.push(`<p>skipped: ${esc(c.skipped)}</p>`);
      continue;
    }
    parts.push(
      `<p class="note">Targets: ${c.targets.map((t) => esc(`${t.id} (${t.mode})`)).join(", ")}. ` +
        `${c.nodes.map((n) => esc(`${n.name}: HAProxy ${n.haproxy}${n.haproxyError ? ` (${n.haproxyError})` : ""}`)).join("; ")}</p>`,
    );
    parts.push(
      "<table><tr><th>scenario</th><th>VIP " +
        "holder</th><th>sent</th><th>failed</th><th>outage</th><th>backends</th><th>verdict</th><th>predicted</th></tr>",
    );
    for (const s of c.scenarios) {
      parts.push(
        `<tr><td>${esc(s.id)}</td><td>${esc(holderRun(s))}</td><td>${s.sent}</td><td>${s.failed}</td><td>${secs(s.outageMs)}</td><td>${esc(backends(s.backends))}</td><td class="${s.agree ? "ok" : "bad"}">${esc(s.verdict)}</td><td>${esc(s.predicted.verdicts.join(" or "))}</td></tr>`,
      );
    }
    parts.push("</table>");
    const nodes = c.nodes.map((n) => n.name);
    for (const s of c.scenarios) {
      parts.push(
        `<h3>${esc(s.title)} — <span class="${s.agree ? "ok" : "bad"}">${esc(s.verdict)}</span>, outage ` +
          `${secs(s.outageMs)}</h3>`,
      );
      parts.push(
        `<p class="note">Predicted: ${esc(s.predicted.verdicts.join(" or "))} — ` +
          `${esc(s.predicted.why)}${s.predicted.findings.length ? ` (${esc(s.predicted.findings.join("; "))})` : ""}${s.agree ? "" : ' <b class="bad">disagreement</b>'}</p>`,
      );
      parts.push(timeline(s, nodes, c.targets.length));
    }
    if (c.error) parts.push(`<p class="bad">error: ${esc(c.error)}</p>`);
    if (c.notes.length) parts.push(`<ul class="note">${c.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>`);
  }
  parts.push("</body></html>\n");
  return parts.join("\n");
}
