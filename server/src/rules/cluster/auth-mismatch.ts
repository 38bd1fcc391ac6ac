import { authApplies, effectivePass } from "../../simulate/hearing.js";
import { defineRule } from "../rule.js";
import { memberPairs, related, routers } from "./router-view.js";

export default defineRule({
  id: "HA006",
  name: "auth-mismatch",
  severity: "error",
  scope: "cluster",
  docs: {
    summary: "The nodes of a virtual router authenticate differently (type, or the first 8 characters of auth_pass).",
    description:
      "Compares authentication between the nodes of a virtual router the way keepalived does: the auth_type, and " +
      "auth_pass truncated to 8 characters as keepalived reads it (a `#` or `!` starts a comment, a `{` or `}` ends " +
      "the line). keepalived ignores authentication under VRRPv3, in strict mode, without a password, with a type " +
      "other than `PASS`/`AH`, and AH with IPv6. Passwords that match only because of the truncation get a warning.",
    why:
      "A node drops adverts whose authentication differs ('received an invalid passwd!'), so each node becomes " +
      "MASTER: split-brain. keepalived keeps only the first 8 characters of auth_pass, so 'secret12AAA' and " +
      "'secret12BBB' silently authenticate each other, which usually means the passwords are not what the operator " +
      "thinks.",
    sources: [
      "keepalived 2.2.7 keepalived/vrrp/vrrp_parser.c vrrp_auth_pass_handler() (truncation to 8), " +
        "vrrp_auth_type_handler() (PASS or AH)",
      "keepalived 2.2.7 keepalived/vrrp/vrrp.c vrrp_complete_instance() (authentication ignored in strict mode, " +
        "with VRRPv3, without a password, AH with IPv6), vrrp_check_packet() ('received an invalid passwd!')",
      "SEMANTICS.md 1.5 (verified live)",
    ],
    bad:
      "# lb01\nauthentication {\n    auth_type PASS\n    auth_pass pa55word1\n}\n# lb02\nauthentication {\n" +
      "    auth_type PASS\n    auth_pass pa55w0rd1\n}\n",
    good: "# lb01 and lb02\nauthentication {\n    auth_type PASS\n    auth_pass pa55word\n}\n",
    realTool: "keepalived -t warns about the truncation on each node; nothing compares the nodes.",
    reportedBy: "none",
    severityNote:
      "Error when keepalived rejects the adverts (types differ, or the first 8 characters differ); warning when the " +
      "passwords differ only after the 8th character.",
  },
  messages: {
    typeMismatch: (data: { node: string; type: string; other: string; otherType: string }) =>
      `${data.node} uses authentication ${data.type} and ${data.other} ${data.otherType}: each drops the other's ` +
      `adverts and both take the VIP (split-brain)`,
    passMismatch: (data: { node: string; other: string }) =>
      `auth_pass of ${data.node} and ${data.other} differ in their first 8 characters (the part keepalived ` +
      `compares): each rejects the other's adverts ('received an invalid passwd!') and both take the VIP ` +
      `(split-brain). Use the same password, 8 characters at most.`,
    truncatedMatch: (data: { node: string; other: string }) =>
      `auth_pass of ${data.node} and ${data.other} differ only after the 8th character, which keepalived drops: they ` +
      `authenticate each other although the passwords look different. Use the same password of 8 characters at ` +
      `most.`,
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
            messageId: "typeMismatch",
            data: { node: b.node.name, type: tb ?? "none", other: a.node.name, otherType: ta ?? "none" },
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
            messageId: "passMismatch",
            data: { node: b.node.name, other: a.node.name },
            related: [related(otherLoc, `${a.node.name}'s auth_pass`)],
          });
        } else if (pa !== pb) {
          ctx.report({
            file: passLoc.file,
            range: passLoc.range,
            severity: "warning",
            messageId: "truncatedMatch",
            data: { node: b.node.name, other: a.node.name },
            related: [related(otherLoc, `${a.node.name}'s auth_pass`)],
          });
        }
      }
    }
  },
});
