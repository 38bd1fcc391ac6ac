/**
 * `npm run new-rule -- KA036 some-name [--keyword word]`: a new rule file, its case table and its docs page,
 * registered in its folder's index. The rule it writes works (it reports each use of one keyword, with one message
 * id and a case for it) so that it passes the meta-test from the start; its author then replaces the check, the
 * docs and the cases with the real ones. `--root DIR` writes into another checkout (the scaffold's own test).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

type Scope = "keepalived" | "haproxy" | "cluster";

const scopeOfPrefix: Record<string, Scope> = { KA: "keepalived", HP: "haproxy", HA: "cluster" };
const listOfScope: Record<Scope, string> = {
  keepalived: "keepalivedRules",
  haproxy: "haproxyRules",
  cluster: "clusterRules",
};

interface Request {
  id: string;
  name: string;
  scope: Scope;
  keyword: string;
}

function fail(message: string): never {
  process.stderr.write(`new-rule: ${message}\n`);
  process.exit(2);
}

function readRequest(argv: string[]): { request: Request; root: string } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { keyword: { type: "string" }, root: { type: "string" } },
  });
  const [id, name] = positionals;
  if (!id || !name) fail("usage: npm run new-rule -- KA036 some-name [--keyword word]");
  if (!/^(KA|HP|HA)\d{3}$/.test(id)) fail(`'${id}' is not a rule ID (KA###, HP### or HA###)`);
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) fail(`'${name}' is not a readable name (lower-case-with-dashes)`);
  const scope = scopeOfPrefix[id.slice(0, 2)];
  const keyword = values.keyword ?? (scope === "haproxy" ? name : name.replace(/-/g, "_"));
  if (!/^[A-Za-z][\w.-]*$/.test(keyword)) fail(`'${keyword}' is not a keyword`);
  return { request: { id, name, scope, keyword }, root: resolve(values.root ?? ".") };
}

const camel = (name: string): string => name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

function docsBlock(request: Request, tool: string, sample: string): string {
  const { id, keyword } = request;
  return `  docs: {
    summary: "Each use of \`${keyword}\` (scaffold: describe the mistake this rule catches in one line).",
    description:
      "Reports every \`${keyword}\` line. Scaffold written by npm run new-rule: replace the check, this text and the cases with the real ones.",
    why: "Say what goes wrong in production, naming the upstream function at the version's tag that makes it so.",
    sources: ["${tool === "none" ? "keepalived or HAProxy" : tool}: the function and tag this rule's claim rests on (${id} scaffold)"],
    bad: ${JSON.stringify(sample)},
    good: "# a configuration without the mistake\\n",
    realTool: "What the real tool prints for the bad example (run it on each version), or that it says nothing.",
    reportedBy: "none",
  },`;
}

function keepalivedRule(request: Request): string {
  return `import { walkStatements } from "../../syntax/keepalived/tree.js";
import { defineRule } from "../rule.js";
import { keepalivedUnits } from "./ka-model.js";

export default defineRule({
  id: "${request.id}",
  name: "${request.name}",
  severity: "warning",
  scope: "keepalived",
${docsBlock(request, "keepalived", `${request.keyword} 1\n`)}
  messages: {
    used: (p: { keyword: string }) => \`'\${p.keyword}' is used here\`,
  },
  check(ctx) {
    for (const { config } of keepalivedUnits(ctx)) {
      for (const { statement } of walkStatements(config.document.statements)) {
        if (statement.keyword.value !== "${request.keyword}") continue;
        const place = { file: statement.keyword.file, range: statement.keyword.range };
        ctx.report({ ...place, messageId: "used", data: { keyword: statement.keyword.value } });
      }
    }
  },
});
`;
}

function haproxyRule(request: Request): string {
  return `import { defineRule } from "../rule.js";
import { haproxyUnits } from "./haproxy-version.js";

export default defineRule({
  id: "${request.id}",
  name: "${request.name}",
  severity: "warning",
  scope: "haproxy",
${docsBlock(request, "HAProxy", `defaults\n    ${request.keyword}\n`)}
  messages: {
    used: (p: { keyword: string }) => \`'\${p.keyword}' is used here\`,
  },
  check(ctx) {
    for (const unit of haproxyUnits(ctx)) {
      for (const section of unit.config.document.sections) {
        for (const line of section.lines) {
          if (line.keyword.value !== "${request.keyword}") continue;
          const place = { file: unit.config.file, range: line.keyword.range };
          ctx.report({ ...place, messageId: "used", data: { keyword: line.keyword.value } });
        }
      }
    }
  },
});
`;
}

function clusterRule(request: Request): string {
  return `import { walkStatements } from "../../syntax/keepalived/tree.js";
import { defineRule } from "../rule.js";

export default defineRule({
  id: "${request.id}",
  name: "${request.name}",
  severity: "warning",
  scope: "cluster",
${docsBlock(request, "keepalived", `${request.keyword} 1\n`)}
  messages: {
    used: (p: { keyword: string; node: string }) => \`'\${p.keyword}' is used on \${p.node}\`,
  },
  check(ctx) {
    for (const cluster of ctx.clusters) {
      for (const node of cluster.nodes) {
        for (const { statement } of walkStatements(node.keepalived?.document.statements ?? [])) {
          if (statement.keyword.value !== "${request.keyword}") continue;
          const data = { keyword: statement.keyword.value, node: node.name };
          const place = { file: statement.keyword.file, range: statement.keyword.range };
          ctx.report({ ...place, messageId: "used", data });
        }
      }
    }
  },
});
`;
}

function casesFile(request: Request): string {
  const file = request.scope === "haproxy" ? "haproxy.cfg" : "keepalived.conf";
  const prefix = request.scope === "cluster" ? "lb01/" : "";
  const without = request.scope === "haproxy" ? "defaults\n    mode http\n" : "global_defs {\n  router_id lb01\n}\n";
  const withKeyword = request.scope === "haproxy" ? `defaults\n    ${request.keyword}\n` : `${request.keyword} 1\n`;
  const column = request.scope === "haproxy" ? 5 : 1;
  return `import { defineCases } from "../rule.js";
import type rule from "./${request.name}.js";

export default defineCases<typeof rule>({
  valid: [
    {
      name: "no ${request.keyword}",
      files: {
        "${prefix}${file}": \`${without}\`,
      },
    },
  ],
  invalid: [
    {
      name: "${request.keyword} used",
      files: {
        "${prefix}${file}": \`${withKeyword}\`,
      },
      expect: [{ line: ${request.scope === "haproxy" ? 2 : 1}, column: ${column}, messageId: "used"${
        request.scope === "cluster" ? `, file: "${prefix}${file}"` : ""
      } }],
    },
  ],
});
`;
}

function register(indexFile: string, request: Request): void {
  const text = readFileSync(indexFile, "utf8");
  const binding = camel(request.name);
  const importLine = `import ${binding} from "./${request.name}.js";\n`;
  const listStart = text.indexOf(`export const ${listOfScope[request.scope]}`);
  const listEnd = text.indexOf("];", listStart);
  if (listStart < 0 || listEnd < 0) fail(`cannot find the rule list in ${indexFile}`);
  const lastImport = text.lastIndexOf("\nimport ", listStart);
  const afterImports = text.indexOf("\n", lastImport + 1) + 1;
  const withImport = text.slice(0, afterImports) + importLine + text.slice(afterImports, listEnd);
  writeFileSync(indexFile, `${withImport}  ${binding},\n${text.slice(listEnd)}`);
}

function main(): void {
  const { request, root } = readRequest(process.argv.slice(2));
  const folder = join(root, "server/src/rules", request.scope);
  const ruleFile = join(folder, `${request.name}.ts`);
  if (existsSync(ruleFile)) fail(`${ruleFile} exists already`);
  const taken = spawnSync("grep", ["-rlE", `id: "${request.id}"`, join(root, "server/src/rules")], {
    encoding: "utf8",
  });
  if (taken.stdout.trim()) fail(`${request.id} is taken by ${taken.stdout.trim()}`);
  const source = { keepalived: keepalivedRule, haproxy: haproxyRule, cluster: clusterRule }[request.scope](request);
  writeFileSync(ruleFile, source);
  writeFileSync(join(folder, `${request.name}.cases.ts`), casesFile(request));
  register(join(folder, "index.ts"), request);
  const format = spawnSync("npx", ["prettier", "--write", ruleFile, join(folder, `${request.name}.cases.ts`)], {
    cwd: root,
    stdio: "ignore",
  });
  if (format.status !== 0) process.stderr.write("new-rule: prettier did not run; format the files by hand\n");
  const docs = spawnSync("npx", ["tsx", "scripts/rule-docs.ts"], { cwd: root, stdio: "inherit" });
  if (docs.status !== 0) fail("npm run docs failed; the rule files are written, fix them and run it again");
  process.stdout.write(
    `${request.id} ${request.name}: ${ruleFile}, its .cases.ts and docs/rules/${request.id}.md; ` +
      `run npx vitest run test/rules.test.ts test/rules-meta.test.ts\n`,
  );
}

main();
