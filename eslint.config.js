// ESLint flat config: typescript-eslint with type information for the checks that catch real bugs, and the
// project's layering (what may import what), which replaces the hand-written import scan of the architecture test.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

const nodeOnly = ["fs", "node:fs", "fs/promises", "node:fs/promises", "process", "node:process", "net", "node:net"];
const noHost = [...nodeOnly, "child_process", "node:child_process", "http", "node:http", "https", "node:https"];
const hostModules = noHost.map((name) => ({
  name,
  message: "The core reads no files and starts nothing: the shells do.",
}));
const editorModules = [
  {
    group: ["vscode", "vscode-*", "vscode-languageserver*"],
    message: "Only server/src/lsp and client/ talk to editors.",
  },
];
/** The shells reach the core through its entry points only. */
const coreInternals = {
  group: ["**/syntax/*/*", "**/model/*", "**/simulate/*", "**/rules/*/*", "!**/rules/index.js"],
  message: "Shells use the core's entry points (analyze.ts, rules/index.ts, the model and syntax types).",
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
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The core: syntax, schema, model, simulate, rules, analyze.ts.
    files: [
      "server/src/syntax/**/*.ts",
      "server/src/schema/**/*.ts",
      "server/src/model/**/*.ts",
      "server/src/simulate/**/*.ts",
      "server/src/rules/**/*.ts",
      "server/src/analyze.ts",
      "server/src/language.ts",
    ],
    ignores: ["server/src/rules/**/*.cases.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: hostModules, patterns: editorModules }],
      "no-restricted-globals": ["error", { name: "process", message: "The core does not read the process." }],
    },
  },
  {
    // Rules read the model and syntax trees; they never parse.
    files: ["server/src/rules/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: hostModules,
          patterns: [
            ...editorModules,
            {
              group: [
                "**/syntax/*/parse.js",
                "**/syntax/*/parser.js",
                "**/syntax/*/line-reader.js",
                "**/syntax/*/tokens.js",
              ],
              message: "Rules read the syntax tree and the model; they never parse text.",
            },
          ],
        },
      ],
    },
  },
  {
    // The shells: the CLI and the lab reach the core only through its entry points, and never the editor API.
    files: ["server/src/cli/**/*.ts", "server/src/lab/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...editorModules, coreInternals] }] },
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
