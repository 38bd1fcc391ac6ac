/** Reports of `ha-lint lab --traffic`: the terminal table, JSON, and a self-contained HTML page with SVG timelines. */
import { alignedTable, pushSkipped } from "./text-table.js";
import type { TrafficResult, TrafficScenario } from "./traffic.js";

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const backends = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([k, v]) => `${k}:${v}`)
    .join(" ") || "none";
const holderRun = (scenario: TrafficScenario): string =>
  scenario.holders
    .map((h) => h.holders.join("+") || "nobody")
    .filter((h, i, a) => i === 0 || a[i - 1] !== h)
    .join(" -> ") || "-";

export function trafficText(result: TrafficResult): string {
  const out: string[] = [];
  for (const cluster of result.clusters) {
    if (pushSkipped(out, cluster)) continue;
    out.push(`cluster ${cluster.id} · targets ${cluster.targets.map((t) => `${t.id} (${t.mode})`).join(", ")}`);
    for (const node of cluster.nodes)
      out.push(
        `  ${node.name}: HAProxy ${node.haproxy}${node.haproxyError ? ` (${node.haproxyError})` : ""}, ` +
          `ip_nonlocal_bind=${node.sysctl["net.ipv4.ip_nonlocal_bind"] ?? "0"}`,
      );
    const header = ["scenario", "VIP holder", "sent", "failed", "outage", "backends", "verdict", "predicted", "agree"];
    const rows = cluster.scenarios.map((scenario) => [
      scenario.id,
      holderRun(scenario),
      String(scenario.sent),
      String(scenario.failed),
      secs(scenario.outageMs),
      backends(scenario.backends),
      scenario.verdict,
      scenario.predicted.verdicts.join(" or "),
      scenario.agree ? "yes" : "NO",
    ]);
    out.push(...alignedTable(header, rows));
    for (const scenario of cluster.scenarios) {
      out.push(
        `  ${scenario.id}: predicted ${scenario.predicted.why}${scenario.predicted.findings.length ? ` [${scenario.predicted.findings.join("; ")}]` : ""}`,
      );
    }
    const dis = cluster.scenarios.filter((s) => !s.agree);
    for (const scenario of dis)
      out.push(
        `  DISAGREEMENT ${scenario.id}: predicted ${scenario.predicted.verdicts.join(" or ")}, the lab saw ${scenario.verdict}`,
      );
    if (cluster.error) out.push(`  error: ${cluster.error}`);
    for (const note of cluster.notes) out.push(`  note: ${note}`);
    if (cluster.logs)
      for (const [k, log] of Object.entries(cluster.logs))
        out.push(
          `  log of ${k} (last lines):`,
          ...log
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

const esc = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);
const PALETTE = ["#2b6cb0", "#b7791f", "#6b46c1", "#2f855a", "#c53030", "#319795"];

function timeline(scenario: TrafficScenario, nodes: string[], targets: number): string {
  const width = 900;
  const left = 90;
  const span = Math.max(1, scenario.end - scenario.start);
  const xAt = (t: number): number => left + ((t - scenario.start) / span) * (width - left - 10);
  const rowH = 22;
  const out: string[] = [];
  const height = 30 + rowH * (nodes.length + targets) + 30;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" ` +
      `aria-label="${esc(scenario.title)} timeline">`,
  );
  let rowY = 20;
  // VIP holder lanes: one per node, filled while it holds the VIP.
  nodes.forEach((node, i) => {
    out.push(`<text x="4" y="${rowY + 15}" font-size="12">VIP ${esc(node)}</text>`);
    out.push(`<rect x="${left}" y="${rowY + 3}" width="${width - left - 10}" height="${rowH - 6}" fill="#edf2f7"/>`);
    for (let k = 0; k < scenario.holders.length; k++) {
      const holding = scenario.holders[k];
      if (!holding.holders.includes(node)) continue;
      const from = Math.max(scenario.start, holding.t);
      const until = k + 1 < scenario.holders.length ? scenario.holders[k + 1].t : scenario.end;
      out.push(
        `<rect x="${xAt(from).toFixed(1)}" y="${rowY + 3}" width="${Math.max(1, xAt(until) - xAt(from)).toFixed(1)}" ` +
          `height="${rowH - 6}" fill="${PALETTE[i % PALETTE.length]}"><title>${esc(node)} holds the VIP</title></rect>`,
      );
    }
    rowY += rowH;
  });
  // Request lanes: one tick per request, green ok, red failed.
  for (let target = 0; target < targets; target++) {
    out.push(`<text x="4" y="${rowY + 15}" font-size="12">requests${targets > 1 ? ` #${target + 1}` : ""}</text>`);
    for (const [time, ok, i] of scenario.samples)
      if (i === target)
        out.push(
          `<rect x="${xAt(time).toFixed(1)}" y="${rowY + 3}" width="2" height="${rowH - 6}" ` +
            `fill="${ok ? "#38a169" : "#e53e3e"}"/>`,
        );
    rowY += rowH;
  }
  // Axis: seconds from the start of the scenario.
  const step = span > 20_000 ? 5000 : span > 8000 ? 2000 : 1000;
  for (let tick = 0; tick <= span; tick += step)
    out.push(
      `<line x1="${xAt(scenario.start + tick)}" x2="${xAt(scenario.start + tick)}" y1="${rowY + 2}" y2="${rowY + 7}" stroke="#555"/><text ` +
        `x="${xAt(scenario.start + tick) - 6}" y="${rowY + 20}" font-size="11">${tick / 1000}s</text>`,
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
  for (const cluster of result.clusters) {
    parts.push(`<h2>${esc(cluster.id)}</h2>`);
    if (cluster.skipped) {
      parts.push(`<p>skipped: ${esc(cluster.skipped)}</p>`);
      continue;
    }
    parts.push(
      `<p class="note">Targets: ${cluster.targets.map((t) => esc(`${t.id} (${t.mode})`)).join(", ")}. ` +
        `${cluster.nodes.map((n) => esc(`${n.name}: HAProxy ${n.haproxy}${n.haproxyError ? ` (${n.haproxyError})` : ""}`)).join("; ")}</p>`,
    );
    parts.push(
      "<table><tr><th>scenario</th><th>VIP " +
        "holder</th><th>sent</th><th>failed</th><th>outage</th><th>backends</th><th>verdict</th><th>predicted</th></tr>",
    );
    for (const scenario of cluster.scenarios) {
      parts.push(
        `<tr><td>${esc(scenario.id)}</td><td>${esc(holderRun(scenario))}</td><td>${scenario.sent}</td><td>${scenario.failed}</td><td>${secs(scenario.outageMs)}</td><td>${esc(backends(scenario.backends))}</td><td class="${scenario.agree ? "ok" : "bad"}">${esc(scenario.verdict)}</td><td>${esc(scenario.predicted.verdicts.join(" or "))}</td></tr>`,
      );
    }
    parts.push("</table>");
    const nodes = cluster.nodes.map((n) => n.name);
    for (const scenario of cluster.scenarios) {
      parts.push(
        `<h3>${esc(scenario.title)} — <span class="${scenario.agree ? "ok" : "bad"}">${esc(scenario.verdict)}</span>, outage ` +
          `${secs(scenario.outageMs)}</h3>`,
      );
      parts.push(
        `<p class="note">Predicted: ${esc(scenario.predicted.verdicts.join(" or "))} — ` +
          `${esc(scenario.predicted.why)}${scenario.predicted.findings.length ? ` (${esc(scenario.predicted.findings.join("; "))})` : ""}${scenario.agree ? "" : ' <b class="bad">disagreement</b>'}</p>`,
      );
      parts.push(timeline(scenario, nodes, cluster.targets.length));
    }
    if (cluster.error) parts.push(`<p class="bad">error: ${esc(cluster.error)}</p>`);
    if (cluster.notes.length)
      parts.push(`<ul class="note">${cluster.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>`);
  }
  parts.push("</body></html>\n");
  return parts.join("\n");
}
