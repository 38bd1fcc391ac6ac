import { defineCases } from "../rule.js";
import { examplePair } from "./example-pair.js";
import type rule from "./auth-mismatch.js";

export default defineCases<typeof rule>({
  valid: [
    { name: "same password", files: examplePair() },
    {
      name: "an auth_type without a password is ignored, as no authentication at all",
      files: examplePair({ auth: { type: "PASS" } }, { auth: null }),
    },
    {
      name: "VRRPv3 ignores authentication",
      files: examplePair({ version: 3 }, { version: 3, auth: { type: "PASS", pass: "other123" } }),
    },
  ],
  invalid: [
    {
      name: "different passwords",
      files: examplePair({}, { auth: { type: "PASS", pass: "k33pal1x" } }),
      expect: [{ line: 22, file: "lb02/keepalived.conf", messageId: "passMismatch" }],
    },
    {
      name: "a brace in an unquoted password ends it",
      files: examplePair(
        { auth: { type: "PASS", pass: "k33p{al1v" } },
        { auth: { type: "PASS", pass: '"k33p{al1v"' } },
      ),
      expect: [{ line: 22, file: "lb02/keepalived.conf", messageId: "passMismatch" }],
    },
    {
      name: "authentication on one node only",
      files: examplePair({}, { auth: null }),
      expect: [{ line: 14, file: "lb02/keepalived.conf", messageId: "typeMismatch" }],
    },
    {
      name: "match only through truncation",
      files: examplePair(
        { auth: { type: "PASS", pass: "secret12AAA" } },
        { auth: { type: "PASS", pass: "secret12BBB" } },
      ),
      expect: [{ line: 22, file: "lb02/keepalived.conf", severity: "warning", messageId: "truncatedMatch" }],
    },
  ],
});
