import type { KeepalivedConfig, SyncGroup, VrrpInstance } from "../../model/types.js";
import type { KaStatement } from "../../syntax/keepalived/tree.js";
import { atLeast } from "../../schema/versions.js";
import { defineRule } from "../rule.js";
import { closingBrace } from "./block-close.js";
import { at, keepalivedUnits } from "./ka-model.js";

/** The vrrp_sync_group statement of a group (its `group` block, as written). */
function groupStatement(config: KeepalivedConfig, group: SyncGroup): KaStatement | undefined {
  return config.document.statements.find(
    (s) => s.keyword.value === "vrrp_sync_group" && s.args[0]?.value === group.name && s.range === group.location.range,
  );
}

/**
 * The instance is MASTER and the address owner as read (vrrp_sync_set_group() runs before vrrp_complete_instance()).
 */
function writtenOwner(inst: VrrpInstance): boolean {
  return inst.masterStates.length > 0 && inst.priority?.value === 255;
}

export default defineRule({
  id: "KA054",
  name: "sync-group-members",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary:
      "A vrrp_sync_group keepalived does not build as written: a member that is no vrrp_instance or is in another " +
      "group, no members left, one member only, address owners mixed with others.",
    description:
      "Checks each vrrp_sync_group the way vrrp_sync_set_group() and vrrp_complete_init() build it: every name of " +
      "its `group` block must be a vrrp_instance of the file not already in an earlier group; a group with no " +
      "member left is removed; a group of one member is reported; a member that starts as MASTER with priority 255 " +
      "followed by one that does not is reported ('This won't work').",
    why:
      "A sync group makes its members change state together. A member name with a typo, or one already in another " +
      "group, is left out, so that instance fails over on its own; a group left without members (or without a `group` " +
      "block) is removed with its notify scripts and tracking.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_sync.c vrrp_sync_set_group() at v2.2.7 ('Virtual router %s specified in sync " +
        "group %s doesn't exist - ignoring', 'cannot exist in more than one sync group', 'some member(s) as address " +
        "owner and some not', 'no matching virtual router found in group declaration - removing', 'has only 1 virtual " +
        "router(s)')",
      "keepalived keepalived/vrrp/vrrp.c vrrp_complete_init() at v2.2.7 ('Sync group %s has no virtual router(s). " +
        "removing'); keepalived/vrrp/vrrp_parser.c vrrp_group_handler() ('has empty group block')",
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_sync_group_end_handler() from v2.2.8 ('Sync group %s has no " +
        "members - removing' on the group's closing line, while the file is read)",
    ],
    bad: "vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI-2\n    }\n}\n",
    good: "vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI_2\n    }\n}\n",
    realTool:
      "keepalived -t prints 'Virtual router VI-2 specified in sync group G1 doesn't exist - ignoring' and the " +
      "others on no line (exit 5).",
    reportedBy: "keepalived -t",
  },
  messages: {
    memberMissing: (data: { name: string; group: string }) =>
      `'${data.name}' is no vrrp_instance of this file: keepalived leaves it out of sync group ${data.group} ` +
      `('doesn't exist - ignoring')`,
    memberTaken: (data: { name: string; group: string; other: string }) =>
      `${data.name} is already in sync group ${data.other}: keepalived leaves it out of ${data.group} ('cannot exist ` +
      `in more than one sync group')`,
    noMembers: (data: { group: string }) =>
      `sync group ${data.group} has no member keepalived can use: it removes the group, with its notify scripts and ` +
      `tracking`,
    noGroupBlock: (data: { group: string }) =>
      `sync group ${data.group} has no 'group' block: keepalived removes it ('has no virtual router(s). removing')`,
    emptyGroupBlock: (data: { group: string }) =>
      `the group block of sync group ${data.group} is empty: keepalived reports it and then removes the group`,
    oneMember: (data: { group: string; name: string }) =>
      `sync group ${data.group} has only one member (${data.name}): keepalived reports it ('this probably isn't what ` +
      `you want'); a group syncs several instances`,
    mixedOwners: (data: { group: string; name: string }) =>
      `${data.name} does not start as an address owner, but an earlier member of sync group ${data.group} does ` +
      `(state MASTER, priority 255): keepalived reports that this won't work`,
  },
  check(ctx) {
    for (const { config, node } of keepalivedUnits(ctx)) {
      // from 2.2.8 vrrp_sync_group_end_handler() removes a group with no member names on its closing line
      const endHandler = atLeast("keepalived", node.keepalivedVersion ?? ctx.settings.keepalivedVersion, "2.2.8");
      const byName = new Map(config.instances.map((i) => [i.name, i]));
      const taken = new Map<string, string>();
      const names = new Set<string>();
      for (const group of config.syncGroups) {
        // a second group of one name is skipped whole (KA048)
        if (names.has(group.name)) continue;
        names.add(group.name);
        const statement = groupStatement(config, group);
        const block = statement?.block?.statements.find((s) => s.keyword.value === "group");
        const data = { group: group.name };
        if (!block) {
          const place = endHandler && statement ? closingBrace(statement) : at(group.location);
          ctx.report({ ...place, messageId: "noGroupBlock", data });
          continue;
        }
        if (!block.block || block.block.statements.length === 0) {
          // read_value_block() has read to the '}' when the handler reports it
          ctx.report({ ...closingBrace(block), messageId: "emptyGroupBlock", data });
          if (endHandler && statement) ctx.report({ ...closingBrace(statement), messageId: "noMembers", data });
          continue;
        }
        const members: VrrpInstance[] = [];
        let owner = false;
        for (const member of group.members) {
          const inst = byName.get(member.value);
          if (!inst) {
            ctx.report({
              ...at(member.location),
              messageId: "memberMissing",
              data: { name: member.value, group: group.name },
            });
            continue;
          }
          const other = taken.get(member.value);
          if (other !== undefined) {
            const names = { name: member.value, group: group.name, other };
            ctx.report({ ...at(member.location), messageId: "memberTaken", data: names });
            continue;
          }
          taken.set(member.value, group.name);
          members.push(inst);
          if (owner && inst.masterStates.length === 0)
            ctx.report({
              ...at(member.location),
              messageId: "mixedOwners",
              data: { group: group.name, name: inst.name },
            });
          owner = members.length === 1 ? writtenOwner(inst) : owner && writtenOwner(inst);
        }
        if (members.length === 0) ctx.report({ ...at(group.location), messageId: "noMembers", data });
        else if (members.length === 1)
          ctx.report({
            ...at(group.location),
            messageId: "oneMember",
            data: { group: group.name, name: members[0].name },
          });
      }
    }
  },
});
