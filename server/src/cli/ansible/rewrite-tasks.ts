/**
 * Rewrites a copy of the user's playbooks and roles into a render-only copy: every `template` task is kept (with its
 * conditions, loops and variables) but writes into ha-lint's temporary tree, named after the task file, its source
 * and its destination; `set_fact` and `include_vars` are kept (errors ignored: they often read results of tasks that
 * do not run); includes and role inclusions are kept so that Ansible walks the same tasks; every other task is
 * dropped, so nothing is installed, started or contacted. The run is in check mode; only the template tasks opt out.
 */

import { MARKED_SUFFIX } from "./template-markers.js";

export type YamlValue = unknown;
type Mapping = Record<string, unknown>;

const TEMPLATE = new Set(["template", "ansible.builtin.template", "ansible.legacy.template"]);
const VARIABLE_TASKS = new Set([
  "set_fact",
  "ansible.builtin.set_fact",
  "ansible.legacy.set_fact",
  "include_vars",
  "ansible.builtin.include_vars",
  "ansible.legacy.include_vars",
]);
const INCLUDES = new Set([
  "include_tasks",
  "import_tasks",
  "include",
  "include_role",
  "import_role",
  "ansible.builtin.include_tasks",
  "ansible.builtin.import_tasks",
  "ansible.builtin.include",
  "ansible.builtin.include_role",
  "ansible.builtin.import_role",
]);
/** Task keywords that decide whether and how often a task runs, and with which variables. */
const KEPT_KEYWORDS = ["name", "when", "loop", "loop_control", "vars", "args"];
/** Template arguments that change the rendering (the others set the file's owner, mode, validation...). */
const RENDERING_ARGUMENTS = [
  "variable_start_string",
  "variable_end_string",
  "block_start_string",
  "block_end_string",
  "comment_start_string",
  "comment_end_string",
  "trim_blocks",
  "lstrip_blocks",
  "newline_sequence",
  "output_encoding",
];
const BLOCK_KEYS = ["block", "rescue", "always"];

/** Destinations that hold a keepalived, HAProxy or sysctl configuration (tested by Ansible on the rendered dest). */
export const RELEVANT_DEST = "(keepalived|haproxy)[^/]*$|/keepalived/|/haproxy/|sysctl";

const isMapping = (value: unknown): value is Mapping =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The task's action: the one key that is neither a keyword nor a loop. */
function actionOf(task: Mapping): string | undefined {
  const keywords = new Set([
    ...KEPT_KEYWORDS,
    ...BLOCK_KEYS,
    "register",
    "notify",
    "tags",
    "become",
    "become_user",
    "become_method",
    "delegate_to",
    "delegate_facts",
    "run_once",
    "ignore_errors",
    "ignore_unreachable",
    "changed_when",
    "failed_when",
    "check_mode",
    "diff",
    "no_log",
    "environment",
    "listen",
    "until",
    "retries",
    "delay",
    "async",
    "poll",
    "throttle",
    "timeout",
    "any_errors_fatal",
    "collections",
    "module_defaults",
    "connection",
    "debugger",
  ]);
  return Object.keys(task).find((key) => !keywords.has(key) && !key.startsWith("with_"));
}

/** `src=a dest=b` (the short form) as a mapping. */
function keyValueArguments(text: string): Mapping {
  const out: Mapping = {};
  for (const match of text.matchAll(/(\w+)=("[^"]*"|'[^']*'|\S+)/g))
    out[match[1]] = match[2].replace(/^(["'])(.*)\1$/, "$2");
  return out;
}

function keptKeywords(task: Mapping): Mapping {
  const out: Mapping = {};
  for (const key of Object.keys(task))
    if (KEPT_KEYWORDS.includes(key) || key.startsWith("with_") || key === "loop_control") out[key] = task[key];
  return out;
}

function whenList(task: Mapping): unknown[] {
  const when = task.when;
  return when === undefined ? [] : Array.isArray(when) ? when : [when];
}

/** Two tasks rendering the template: the plain rendering and the marked one (see template-markers.ts). */
function renderTasks(task: Mapping, action: string, taskFile: string): Mapping[] {
  const raw = task[action];
  const args: Mapping = isMapping(raw) ? raw : typeof raw === "string" ? keyValueArguments(raw) : {};
  const source = args.src;
  const dest = args.dest ?? args.path;
  if (typeof source !== "string" || typeof dest !== "string") return [];
  const rendering: Mapping = {};
  for (const key of RENDERING_ARGUMENTS) if (key in args) rendering[key] = args[key];
  const kept = keptKeywords(task);
  const vars = {
    ...(isMapping(kept.vars) ? kept.vars : {}),
    ha_lint_task_file: taskFile,
    ha_lint_src: source,
    ha_lint_dest: dest,
  };
  const name = typeof task.name === "string" ? task.name : `template ${source}`;
  const outputName = "{{ [ha_lint_task_file, ha_lint_src, ha_lint_dest] | to_json | b64encode | replace('/', '_') }}";
  const common = {
    ...kept,
    vars,
    when: [...whenList(task), `ha_lint_dest is search('${RELEVANT_DEST}')`],
    check_mode: false,
    ignore_errors: true,
  };
  return [
    {
      ...common,
      name: `ha-lint render: ${name}`,
      "ansible.builtin.template": {
        ...rendering,
        src: "{{ ha_lint_src }}",
        dest: `{{ ha_lint_out }}/{{ inventory_hostname }}/${outputName}`,
      },
    },
    markedRendering(common, name, rendering, outputName),
  ];
}

/** Template options the template lookup takes too. */
const LOOKUP_OPTIONS = new Set([
  "variable_start_string",
  "variable_end_string",
  "comment_start_string",
  "comment_end_string",
]);

/**
 * The marked rendering: a `debug` task printing "<output name> <text>" from the template lookup (no module runs on
 * the host, half the cost of a second template task), or, when the task sets options the lookup lacks (trim_blocks,
 * lstrip_blocks, block strings...), a second template task writing `<output name>.marked`.
 */
function markedRendering(common: Mapping, name: string, rendering: Mapping, outputName: string): Mapping {
  const marked = `{{ ha_lint_src }}${MARKED_SUFFIX}`;
  if (Object.keys(rendering).every((key) => LOOKUP_OPTIONS.has(key))) {
    const options = Object.entries(rendering)
      .map(([key, value]) => `, ${key}=${JSON.stringify(String(value))}`)
      .join("");
    const nameExpression = outputName.replace(/^\{\{ | \}\}$/g, "");
    return {
      ...common,
      name: `ha-lint mark: ${name}`,
      "ansible.builtin.debug": {
        msg:
          `{{ (${nameExpression}) ~ ' ' ~ lookup('ansible.builtin.template', ha_lint_src ~ '${MARKED_SUFFIX}', ` +
          `convert_data=False${options}) }}`,
      },
    };
  }
  return {
    ...common,
    name: `ha-lint mark: ${name}`,
    "ansible.builtin.template": {
      ...rendering,
      src: marked,
      dest: `{{ ha_lint_out }}/{{ inventory_hostname }}/${outputName}.marked`,
    },
  };
}

/** Role names a task list includes literally (include_role, import_role), for copying them. */
export function includedRoles(tasks: unknown): string[] {
  const out: string[] = [];
  const walk = (list: unknown): void => {
    if (!Array.isArray(list)) return;
    for (const task of list) {
      if (!isMapping(task)) continue;
      for (const key of BLOCK_KEYS) walk(task[key]);
      const action = actionOf(task);
      if (!action || !/(^|\.)(include|import)_role$/.test(action)) continue;
      const args = task[action];
      const name = isMapping(args) ? args.name : undefined;
      if (typeof name === "string" && !name.includes("{{")) out.push(name);
    }
  };
  walk(tasks);
  return out;
}

/** The render-only version of a task list read from `taskFile`. */
export function rewriteTasks(tasks: readonly unknown[], taskFile: string): Mapping[] {
  const out: Mapping[] = [];
  for (const task of tasks) {
    if (!isMapping(task)) continue;
    if (BLOCK_KEYS.some((key) => key in task)) {
      const block: Mapping = keptKeywords(task);
      for (const key of BLOCK_KEYS)
        if (Array.isArray(task[key])) block[key] = rewriteTasks(task[key] as unknown[], taskFile);
      out.push(block);
      continue;
    }
    const action = actionOf(task);
    if (!action) continue;
    if (TEMPLATE.has(action)) out.push(...renderTasks(task, action, taskFile));
    else if (VARIABLE_TASKS.has(action))
      out.push({ ...keptKeywords(task), [action]: task[action], ignore_errors: true });
    else if (INCLUDES.has(action)) out.push({ ...keptKeywords(task), [action]: task[action] });
  }
  return out;
}

/** Whether a parsed YAML document is a playbook (a list of plays or playbook imports). */
export function isPlaybook(data: unknown): data is Mapping[] {
  return (
    Array.isArray(data) &&
    data.length > 0 &&
    data.every(isMapping) &&
    data.some((play) => "hosts" in play || "import_playbook" in play || "ansible.builtin.import_playbook" in play)
  );
}

/** Whether a parsed YAML document is a task list. */
export function isTaskList(data: unknown): data is unknown[] {
  return Array.isArray(data) && data.length > 0 && data.every(isMapping) && !isPlaybook(data);
}

/** Role names a play uses (its `roles:` list and literal role inclusions in its tasks). */
export function playRoles(play: Mapping): string[] {
  const out: string[] = [];
  for (const entry of Array.isArray(play.roles) ? play.roles : []) {
    const name = typeof entry === "string" ? entry : isMapping(entry) ? (entry.role ?? entry.name) : undefined;
    if (typeof name === "string" && !name.includes("{{")) out.push(name);
  }
  for (const key of ["pre_tasks", "tasks", "post_tasks"]) out.push(...includedRoles(play[key]));
  return out;
}

/** The render-only version of a playbook read from `file`: no facts gathered, no privilege, no handlers. */
export function rewritePlaybook(plays: readonly Mapping[], file: string): Mapping[] {
  return plays.map((play) => {
    if (!("hosts" in play)) return play;
    const out: Mapping = { hosts: play.hosts, gather_facts: false, become: false };
    for (const key of ["name", "vars", "vars_files", "collections", "serial", "order"])
      if (key in play) out[key] = play[key];
    if (Array.isArray(play.roles))
      out.roles = play.roles.map((entry: unknown) => {
        if (!isMapping(entry)) return entry;
        const kept: Mapping = {};
        for (const key of ["role", "name", "vars", "when"]) if (key in entry) kept[key] = entry[key];
        for (const key of Object.keys(entry))
          if (!["tags", "become", "become_user", "delegate_to", "environment"].includes(key) && !(key in kept))
            kept[key] = entry[key];
        return kept;
      });
    for (const key of ["pre_tasks", "tasks", "post_tasks"])
      if (Array.isArray(play[key])) out[key] = rewriteTasks(play[key] as unknown[], file);
    return out;
  });
}
