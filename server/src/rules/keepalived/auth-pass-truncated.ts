import { defineRule } from "../rule.js";
import { at, keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "KA005",
  name: "auth-pass-truncated",
  severity: "warning",
  scope: "keepalived",
  docs: {
    summary: "auth_pass is longer than 8 characters; keepalived keeps only the first 8.",
    description:
      "Measures each `auth_pass` after keepalived's unquoting (double quotes only) and reports values longer than " +
      "8 bytes. The password itself never appears in the message.",
    why:
      "VRRPv2 simple-password authentication carries 8 bytes. keepalived truncates a longer auth_pass with a " +
      "warning, so two passwords that differ only after the 8th character authenticate each other, and a long " +
      "password gives a false impression of strength.",
    sources: [
      "keepalived keepalived/vrrp/vrrp_parser.c vrrp_auth_pass_handler() 'Truncating auth_pass to 8 characters'",
      "RFC 3768 section 5.3.10 (Authentication Data, 8 octets)",
    ],
    bad: "authentication {\n    auth_type PASS\n    auth_pass SuperSecret2024\n}\n",
    good: "authentication {\n    auth_type PASS\n    auth_pass Sup3rS3c\n}\n",
    realTool: "keepalived -t reports 'Truncating auth_pass to 8 characters' (rc 5).",
    reportedBy: "keepalived -t",
  },
  messages: {
    truncated: (data: { bytes: number }) =>
      `auth_pass has ${data.bytes} characters; keepalived keeps only the first 8, so passwords that differ after the ` +
      `8th character authenticate each other (use at most 8 characters, the same on every node)`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const inst of config.instances) {
        const pass = inst.authentication?.pass;
        if (!pass) continue;
        const bytes = new TextEncoder().encode(pass.value).length;
        if (bytes <= 8) continue;
        const simple = /^[\x21-\x7e]+$/.test(pass.value) && !/["'#!\\{}$]/.test(pass.value);
        ctx.report({
          ...at(pass.location),
          messageId: "truncated",
          data: { bytes },
          fixes: simple
            ? [
                {
                  description: "Keep only the first 8 characters (what keepalived uses); change every node alike",
                  safe: false,
                  edits: [{ file: pass.location.file, range: pass.location.range, newText: pass.value.slice(0, 8) }],
                },
              ]
            : undefined,
        });
      }
    }
  },
});
