import { atLeast } from "../../schema/versions.js";
import type { HpLine, HpSection } from "../../syntax/haproxy/tree.js";
import { defineRule } from "../rule.js";
import { haproxyUnits } from "./haproxy-version.js";

const PROXY_SECTIONS = new Set(["listen", "frontend", "backend"]);

/**
 * Whether cfg_parse_listen() leaves the section header without opening a proxy: a word after the name that is not
 * `from <defaults>`, or more than `NAME from DEFAULTS`. An empty name aborts the whole file instead.
 */
function headerRefused(header: HpLine): boolean {
  const [name, second, third, fourth] = header.args;
  if (!name || name.value === "" || !second || second.value === "") return false;
  if (fourth) return true;
  return !third || third.value === "" || second.value !== "from";
}

const FRONT = new Set(["listen", "frontend"]);
const BACK = new Set(["listen", "backend"]);

/**
 * Whether the section's lines land on another section declared before it instead of on nothing: from 3.1 a proxy of
 * the same name sharing a side (looked up before the header is refused), before 3.1 a log-forward section of the
 * same name (looked up last).
 */
function earlierTarget(sections: readonly HpSection[], section: HpSection, version: string): boolean {
  const name = section.header.args[0].value;
  const proxyFirst = atLeast("haproxy", version, "3.1");
  return sections.some((other) => {
    if (other === section || other.name?.value !== name) return false;
    if (other.header.range.start.line >= section.header.range.start.line) return false;
    if (!proxyFirst) return other.kind === "log-forward";
    return (FRONT.has(section.kind) && FRONT.has(other.kind)) || (BACK.has(section.kind) && BACK.has(other.kind));
  });
}

export default defineRule({
  id: "HP034",
  name: "proxy-header-refused",
  severity: "error",
  scope: "haproxy",
  docs: {
    summary:
      "Lines of a listen, frontend or backend section whose header HAProxy refused, such as `listen web 10.0.0.1:80`.",
    description:
      "When a `listen`, `frontend` or `backend` line carries more than its name (an address in the old `listen NAME ADDR` form, or anything but `from DEFAULTS`), HAProxy opens no proxy for it. Every keyword line of that section then belongs to no proxy and is refused on its own line. This rule reports each of those lines; the header line itself is reported by HP023.",
    why: "cfg_parse_listen() jumps out before creating the proxy and leaves its current proxy empty, so each following line of the section meets the 'no current proxy' branch: 'listen' or 'defaults' expected, a fatal error on every line. The old `listen NAME ADDR` form (HAProxy 1.x tutorials) is the usual cause: move the address to a `bind` line.",
    sources: [
      "HAProxy 2.6.12 src/cfgparse-listen.c cfg_parse_listen(): 'please use the 'bind' keyword for listening addresses' then goto out with curproxy left NULL (log_forward_by_name()); later lines: \"'listen' or 'defaults' expected\" with ERR_ALERT | ERR_FATAL",
      "HAProxy 3.0.11 src/cfgparse-listen.c cfg_parse_listen(): the same",
      "HAProxy 3.2.0 src/cfgparse-listen.c cfg_parse_listen(): curproxy is the proxy of the same name, if any (proxy_fe_by_name()/proxy_be_by_name()), else NULL",
    ],
    bad: "listen web 192.0.2.10:80\n    balance roundrobin\n    server w1 192.0.2.11:80\n",
    good: "listen web\n    bind 192.0.2.10:80\n    balance roundrobin\n    server w1 192.0.2.11:80\n",
    realTool:
      "haproxy -c 2.6.12, 3.0.11 and 3.2.26 print \"'listen' or 'defaults' expected.\" on every keyword line of such a section (also under `backend NAME ADDR`, whose header 2.6.12 and 3.0.11 refuse silently) and exit 1.",
    reportedBy: "haproxy -c",
  },
  messages: {
    noProxy: (p: { kind: string; name: string; header: number }) =>
      `this line belongs to no proxy: HAProxy refused the header '${p.kind} ${p.name} ...' on line ${p.header} (more than a name, e.g. an address: use a 'bind' line), so it rejects every line of the section ('listen' or 'defaults' expected)`,
  },
  check(ctx) {
    for (const unit of haproxyUnits(ctx)) {
      const sections = unit.config.document.sections;
      for (const section of sections) {
        if (!PROXY_SECTIONS.has(section.kind) || !headerRefused(section.header)) continue;
        if (earlierTarget(sections, section, unit.version)) continue;
        const data = {
          kind: section.kind,
          name: section.header.args[0].value,
          header: section.header.range.start.line + 1,
        };
        for (const line of section.lines)
          ctx.report({ file: unit.config.file, range: line.keyword.range, messageId: "noProxy", data });
      }
    }
  },
});
