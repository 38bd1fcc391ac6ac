/** The npm package and the pre-commit hook declare what users run (the Action: action.test.ts). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../support/corpus-parity.js";

test("package.json: bin, files, engines for npx ha-lint", () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8"));
  expect(pkg.bin["ha-lint"]).toBe("bin/ha-lint.js");
  expect(pkg.files).toEqual(expect.arrayContaining(["bin/", "dist/"]));
  expect(pkg.engines.node).toBe(">=20");
});

test(".pre-commit-hooks.yaml declares the ha-lint hook for the files it understands", () => {
  const hooks = parse(readFileSync(join(repoRoot, ".pre-commit-hooks.yaml"), "utf8"));
  expect(hooks[0]).toMatchObject({ id: "ha-lint", entry: "ha-lint", language: "node", pass_filenames: false });
  const files = new RegExp(hooks[0].files);
  for (const f of [
    "lb01/keepalived.conf",
    "etc/haproxy/haproxy.cfg",
    "keepalived-lb01.conf",
    "web.haproxy.cfg",
    "lb01/etc/sysctl.d/99-x.conf",
    ".ha-lint.yaml",
  ])
    expect(files.test(f), f).toBe(true);
  for (const f of ["README.md", "src/app.ts", "nginx.conf"]) expect(files.test(f), f).toBe(false);
});
