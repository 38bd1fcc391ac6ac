// ESLint flat config: typescript-eslint with type information for the checks that catch real bugs, and the
// project's layering (what may import what), which replaces the hand-written import scan of the architecture test.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

const hostNames = ["fs", "fs/promises", "process", "child_process", "net", "http", "https", "dgram", "dns", "tls"];
const hostModules = [...hostNames, "worker_threads", "module"]
  .flatMap((name) => [name, `node:${name}`])
  .map((name) => ({ name, message: "The core reads no files, starts nothing and opens no socket: the shells do." }));
const editorModules = {
  group: ["vscode", "vscode-*", "vscode-languageserver*"],
  message: "Only server/src/lsp and client/ talk to editors.",
};
/** The core never reaches up into a shell. */
const shellModules = {
  group: ["**/cli/*", "**/lsp/*", "**/lab/*", "**/workspace/*"],
  message: "The core knows no shell: the CLI, the language server, the lab and the workspace layer sit on top of it.",
};
/** The shells reach the core through its entry points only. */
const coreInternals = {
  group: [
    "**/syntax/*/*",
    "!**/syntax/*/index.js",
    "**/model/*",
    "!**/model/index.js",
    "**/simulate/*",
    "**/rules/*/*",
  ],
  message:
    "Shells use the core's entry points: analyze.ts, rules/index.ts, model/index.ts, simulation.ts, " +
    "syntax/haproxy/index.ts and syntax/keepalived/index.ts.",
};
/** Rules read the syntax tree and the model; the parsers (and the entry points that re-export them) are not theirs. */
const parsers = {
  group: [
    "**/syntax/*/parse.js",
    "**/syntax/*/parser.js",
    "**/syntax/*/line-reader.js",
    "**/syntax/*/tokens.js",
    "**/syntax/*/index.js",
  ],
  message: "Rules read the syntax tree and the model; they never parse text.",
};
const coreFiles = [
  "server/src/syntax/**/*.ts",
  "server/src/schema/**/*.ts",
  "server/src/model/**/*.ts",
  "server/src/simulate/**/*.ts",
  "server/src/rules/**/*.ts",
  "server/src/config/**/*.ts",
  "server/src/analyze.ts",
  "server/src/language.ts",
  "server/src/simulation.ts",
];
const coreRestrictions = {
  "no-restricted-globals": [
    "error",
    { name: "process", message: "The core does not read the process." },
    { name: "require", message: "The core loads no module at run time." },
  ],
  "no-restricted-syntax": [
    "error",
    { selector: "ImportExpression", message: "The core loads no module at run time: import it statically." },
  ],
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "client/node_modules/**",
      "dist/**",
      "dist-bundle/**",
      "client/dist/**",
      "fixtures/**",
      "coverage/**",
      ".scratch/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // A variable read in a closure before its one assignment (a callback registered first) cannot be const.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The core: syntax, schema, model, simulate, rules, config, and analyze.ts, language.ts, simulation.ts.
    files: coreFiles,
    ignores: ["server/src/rules/**/*.cases.ts"],
    rules: {
      ...coreRestrictions,
      "no-restricted-imports": ["error", { paths: hostModules, patterns: [editorModules, shellModules] }],
    },
  },
  {
    // Rules read the model and syntax trees; they never parse.
    files: ["server/src/rules/**/*.ts"],
    ignores: ["server/src/rules/**/*.cases.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: hostModules, patterns: [editorModules, shellModules, parsers] }],
    },
  },
  {
    // The shells: the CLI and the lab reach the core only through its entry points, and never the editor API.
    files: ["server/src/cli/**/*.ts", "server/src/lab/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [editorModules, coreInternals] }] },
  },
  {
    files: ["server/src/lsp/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [coreInternals] }] },
  },
  {
    files: ["test/**/*.ts", "scripts/**/*.ts", "scripts/**/*.mjs"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
