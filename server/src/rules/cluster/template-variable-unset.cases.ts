import { defineCases } from "../rule.js";
import { exampleKeepalived } from "./example-pair.js";
import type rule from "./template-variable-unset.js";

const TEMPLATE = "templates/keepalived.conf.tmpl";
const template = exampleKeepalived({ state: "${STATE}", priority: "${PRIORITY}", src: "${SRC}", peers: ["${PEER}"] });
const lb01 = { STATE: "MASTER", PRIORITY: 101, SRC: "198.51.100.11", PEER: "198.51.100.12" };
const lb02 = { STATE: "BACKUP", PRIORITY: 100, SRC: "198.51.100.12", PEER: "198.51.100.11" };
const cluster = (vars2: Record<string, string | number>, placeholders?: string[]) => ({
  clusters: [
    {
      id: "pair",
      template: { keepalived: TEMPLATE, ...(placeholders ? { placeholders } : {}) },
      nodes: [
        { name: "lb01", vars: lb01 },
        { name: "lb02", vars: vars2 },
      ],
    },
  ],
});

export default defineCases<typeof rule>({
  valid: [
    { name: "every placeholder has a value on every node", files: { [TEMPLATE]: template }, manifest: cluster(lb02) },
    {
      name: "a form the template does not enable is no placeholder (keepalived's own $NAME)",
      files: {
        [TEMPLATE]: `$IFACE=eth0\n${template.replace("interface eth0", "interface $IFACE")}`,
      },
      manifest: cluster(lb02, ["${NAME}"]),
    },
  ],
  invalid: [
    {
      name: "lb02 has no PRIORITY",
      files: { [TEMPLATE]: template },
      manifest: cluster({ STATE: "BACKUP", SRC: "198.51.100.12", PEER: "198.51.100.11" }),
      expect: [{ line: 18, column: 14, file: TEMPLATE, messageId: "unset" }],
    },
    {
      name: "@@NAME@@ and {{ name }} markers",
      files: {
        [TEMPLATE]: template.replace("${STATE}", "@@STATE@@").replace("${PRIORITY}", "{{ PRIORITY }}"),
      },
      manifest: cluster({ SRC: "198.51.100.12", PEER: "198.51.100.11" }),
      expect: [
        { line: 15, column: 11, file: TEMPLATE, messageId: "unset" },
        { line: 18, column: 14, file: TEMPLATE, messageId: "unset" },
      ],
    },
  ],
});
