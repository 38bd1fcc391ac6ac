import { defineCases } from "../rule.js";
import { exampleKeepalived } from "./example-pair.js";
import type rule from "./template-placeholder-unsupported.js";

const TEMPLATE = "templates/keepalived.conf.j2";
const manifest = (placeholders?: string[]) => ({
  clusters: [
    {
      id: "pair",
      template: { keepalived: TEMPLATE, ...(placeholders ? { placeholders } : {}) },
      nodes: [
        { name: "lb01", vars: { priority: 101, src: "198.51.100.11", peer: "198.51.100.12" } },
        { name: "lb02", vars: { priority: 100, src: "198.51.100.12", peer: "198.51.100.11" } },
      ],
    },
  ],
});
const plain = exampleKeepalived({ priority: "{{ priority }}", src: "{{src}}", peers: ["{{ peer }}"] });

export default defineCases<typeof rule>({
  valid: [
    { name: "plain names, with or without spaces", files: { [TEMPLATE]: plain }, manifest: manifest() },
    {
      name: "braces are no placeholders when the {{ name }} form is not enabled",
      files: { [TEMPLATE]: plain.replace("{{ priority }}", "{{ priority | int }}") },
      manifest: manifest(["${NAME}"]),
    },
  ],
  invalid: [
    {
      name: "a Jinja2 filter and a statement",
      files: {
        [TEMPLATE]: `{% if true %}\n${plain.replace("{{ priority }}", "{{ priority | default(100) }}")}{% endif %}\n`,
      },
      manifest: manifest(),
      expect: [
        { line: 1, column: 1, file: TEMPLATE, messageId: "unsupported" },
        { line: 19, column: 14, file: TEMPLATE, messageId: "unsupported" },
        { line: 36, column: 1, file: TEMPLATE, messageId: "unsupported" },
      ],
    },
  ],
});
