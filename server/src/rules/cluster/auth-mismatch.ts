import { authApplies, effectivePass } from "../../simulate/hearing.js";
import { defineRule } from "../rule.js";
import { examplePair } from "./example-pair.js";
import { memberPairs, related, routers } from "./router-view.js";

export default defineRule({
  id: "HA006",
  name: "auth-mismatch",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "The nodes of a virtual router authenticate differently (type, or the first 8 characters of auth_pass).",
    description:
      "Compares authentication between the nodes of a virtual router the way keepalived does: the auth_type, and auth_pass truncated to 8 characters after comment stripping (`#`/`!` end the value). Authentication is ignored under VRRPv3 and in strict mode. Passwords that match only because of the truncation get a warning.",
    why: "A node drops adverts whose authentication differs ('received an invalid passwd!'), so each node becomes MASTER: split-brain. keepalived keeps only the first 8 characters of auth_pass, so 'secret12AAA' and 'secret12BBB' silently authenticate each other, which usually means the passwords are not what the operator thinks.",
    sources: [
      "keepalived vrrp/vrrp_parser.c vrrp_auth_pass_handler() (truncation to 8)",
      "keepalived vrrp/vrrp.c vrrp_check_packet()",
      "SEMANTICS.md 1.5 (verified live)",
    ],
    bad: "# lb01\nauthentication {\n    auth_type PASS\n    auth_pass pa55word1\n}\n# lb02\nauthentication {\n    auth_type PASS\n    auth_pass pa55w0rd1\n}\n",
    good: "# lb01 and lb02\nauthentication {\n    auth_type PASS\n    auth_pass pa55word\n}\n",
    realTool: "keepalived -t warns about the truncation on each node; nothing compares the nodes.",
    reportedBy: "none",
    severityNote:
      "Error when keepalived rejects the adverts (types differ, or the first 8 characters differ); warning when the passwords differ only after the 8th character.",
  },
  check(ctx) {
    for (const view of routers(ctx)) {
      for (const [a, b] of memberPairs(view.members)) {
        const aa = authApplies(a.instance);
        const ab = authApplies(b.instance);
        if (!aa && !ab) continue;
        const ta = aa ? a.instance.authentication?.type?.value : undefined;
        const tb = ab ? b.instance.authentication?.type?.value : undefined;
        const locB = b.instance.authentication?.type?.location ?? b.instance.nameLocation;
        const locA = a.instance.authentication?.type?.location ?? a.instance.nameLocation;
        if (ta !== tb) {
          ctx.report({
            file: locB.file,
            range: locB.range,
            message: `${b.node.name} uses authentication ${tb ?? "none"} and ${a.node.name} ${ta ?? "none"}: each drops the other's adverts and both take the VIP (split-brain)`,
            related: [related(locA, `${a.node.name}: ${ta ?? "no authentication"}`)],
          });
          continue;
        }
        if (ta !== "PASS") continue;
        const pa = a.instance.authentication?.pass?.value ?? "";
        const pb = b.instance.authentication?.pass?.value ?? "";
        const passLoc = b.instance.authentication?.pass?.location ?? locB;
        const otherLoc = a.instance.authentication?.pass?.location ?? locA;
        if (effectivePass(a.instance) !== effectivePass(b.instance)) {
          ctx.report({
            file: passLoc.file,
            range: passLoc.range,
            message: `auth_pass of ${b.node.name} and ${a.node.name} differ in their first 8 characters (the part keepalived compares): each rejects the other's adverts ('received an invalid passwd!') and both take the VIP (split-brain). Use the same password, 8 characters at most.`,
            related: [related(otherLoc, `${a.node.name}'s auth_pass`)],
          });
        } else if (pa !== pb) {
          ctx.report({
            file: passLoc.file,
            range: passLoc.range,
            severity: "warning",
            message: `auth_pass of ${b.node.name} and ${a.node.name} differ only after the 8th character, which keepalived drops: they authenticate each other although the passwords look different. Use the same password of 8 characters at most.`,
            related: [related(otherLoc, `${a.node.name}'s auth_pass`)],
          });
        }
      }
    }
  },
  cases: {
    valid: [{ name: "same password", files: examplePair() }],
    invalid: [
      {
        name: "different passwords",
        files: examplePair({}, { auth: { type: "PASS", pass: "k33pal1x" } }),
        expect: [{ line: 22, file: "lb02/keepalived.conf", message: "first 8 characters" }],
      },
      {
        name: "authentication on one node only",
        files: examplePair({}, { auth: null }),
        expect: [{ line: 14, file: "lb02/keepalived.conf", message: "authentication none" }],
      },
      {
        name: "match only through truncation",
        files: examplePair(
          { auth: { type: "PASS", pass: "secret12AAA" } },
          { auth: { type: "PASS", pass: "secret12BBB" } },
        ),
        expect: [
          { line: 22, file: "lb02/keepalived.conf", severity: "warning", message: "only after the 8th character" },
        ],
      },
    ],
  },
});
