import type { VrrpInstance } from "../../model/types.js";
import { defineRule } from "../rule.js";
import { at, instanceFamily, keepalivedUnits } from "./ka-model.js";

/** The VRRP version keepalived gives the instance (vrrp_complete_instance(): IPv6 without its own `version` is 3). */
function versionOf(inst: VrrpInstance): 2 | 3 {
  if (instanceFamily(inst) === 6 && inst.vrrpVersionLocation === undefined) return 3;
  return inst.vrrpVersion;
}

export default defineRule({
  id: "KA051",
  name: "authentication-ignored",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "An authentication block keepalived ignores (VRRPv3, no password, AH with IPv6), or AH with state MASTER, " +
      "which keepalived starts as BACKUP.",
    description:
      "For each vrrp_instance outside strict mode (KA017 covers strict mode) with an `authentication` block whose " +
      "auth_type is PASS or AH, reports what vrrp_complete_instance() does with it: VRRP version 3 (written, or " +
      "IPv6 without `version`) and a block without auth_pass make keepalived drop authentication; AH with IPv6 too; " +
      "AH with `state MASTER` on an instance that is not the address owner makes it start as BACKUP.",
    why:
      "The block reads like protection, but keepalived sends and accepts adverts without it, so a node configured " +
      "with a password talks to one without. With AH, keepalived must hear an advert (for the AH sequence number) " +
      "before it takes over, so the node meant to start as master waits as BACKUP.",
    sources: [
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_instance() at v2.2.7: 'VRRP version 3 does not support " +
        "authentication. Ignoring.', 'Authentication specified but no password given. Ignoring', 'Cannot use AH " +
        "authentication with IPv6. ignoring', 'Initial state master is incompatible with AH authentication - " +
        "clearing' (auth_type set to none; wantstate BACKUP)",
    ],
    bad:
      "vrrp_instance VI_1 {\n    version 3\n    authentication {\n        auth_type PASS\n" +
      "        auth_pass k33pal1v\n    }\n}\n",
    good: "vrrp_instance VI_1 {\n    version 3\n}\n",
    realTool:
      "keepalived -t reports '(VI_1) VRRP version 3 does not support authentication. Ignoring.' and the other " +
      "messages on no line (exit 5).",
    reportedBy: "keepalived -t",
  },
  messages: {
    version3: (data: { instance: string }) =>
      `${data.instance} runs VRRP version 3, which has no authentication: keepalived ignores this block and sends ` +
      `adverts without it (remove the block)`,
    noPassword: (data: { instance: string }) =>
      `${data.instance}: the authentication block has no auth_pass, so keepalived ignores it and sends adverts ` +
      `without authentication`,
    ahWithIpv6: (data: { instance: string }) =>
      `${data.instance} is IPv6: keepalived cannot use AH authentication there and ignores it`,
    ahWithStateMaster: (data: { instance: string }) =>
      `${data.instance} has AH authentication and state MASTER without being the address owner: keepalived starts it ` +
      `as BACKUP ('Initial state master is incompatible with AH authentication - clearing'), as it must hear an ` +
      `advert first`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const auth = inst.authentication;
        const type = auth?.type?.value;
        if (!auth?.type || (type !== "PASS" && type !== "AH") || inst.strict) continue;
        const place = at(auth.type.location);
        const data = { instance: inst.name };
        // the order of vrrp_complete_instance(): the first that applies is the one keepalived reports
        if (versionOf(inst) === 3) ctx.report({ ...place, messageId: "version3", data });
        else if (!auth.pass || auth.pass.value === "") ctx.report({ ...place, messageId: "noPassword", data });
        else if (instanceFamily(inst) === 6 && type === "AH") ctx.report({ ...place, messageId: "ahWithIpv6", data });
        else if (type === "AH" && inst.masterStates.length > 0 && inst.basePriority !== 255)
          ctx.report({ ...place, messageId: "ahWithStateMaster", data });
      }
    }
  },
});
