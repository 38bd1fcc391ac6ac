/**
 * Renders the keepalived, HAProxy and sysctl templates of a playbook or a role for every host of an inventory, with
 * the real Ansible: a copy of the playbook's folder (or of the role) is rewritten into a render-only playbook
 * (rewrite-tasks.ts), run by `ansible-playbook --check` on the controller (connection local, no facts gathered: each
 * host gets a small Debian 12 fact set, overridden by its `ha_lint_facts` variable), and each rendered file is laid
 * into a node tree `<root>/<host>/<destination>` that the workspace layer reads as one node per host.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { InputError } from "../collect-files.js";
import { includedRoles, isPlaybook, isTaskList, playRoles, rewritePlaybook, rewriteTasks } from "./rewrite-tasks.js";
import { mapRenderedLines, markTemplate, MARKED_SUFFIX, type TemplateLine } from "./template-markers.js";

export interface AnsibleRenderRequest {
  inventory: string;
  /** A playbook file or a role folder. */
  target: string;
  limit?: string;
  timeoutSeconds: number;
  /** Render into this folder (kept) instead of a temporary one (removed by cleanup()). */
  keepDir?: string;
  /** The ansible-playbook to run (default: the one on PATH; ansible-inventory is taken from its folder). */
  ansiblePlaybook?: string;
}

export interface RenderedFile {
  host: string;
  /** Where Ansible would write it on the host. */
  dest: string;
  /** The rendered file in the node tree. */
  path: string;
  text: string;
  /** The template it was rendered from (the user's file), when found. */
  template?: string;
  /** Each rendered line's template line (template index into `templates`), when the marked rendering agreed. */
  lines?: (TemplateLine | undefined)[];
}

export interface AnsibleRender {
  /** The node tree: one folder per host. */
  root: string;
  hosts: string[];
  files: RenderedFile[];
  /** The user's template files, by marker index. */
  templates: string[];
  /** Render tasks that failed, "host: task: message". */
  failures: string[];
  cleanup(): void;
}

/** A few facts the usual roles branch on, for a Debian 12 host; a host's `ha_lint_facts` variable overrides them. */
function defaultFacts(host: string, hostVars: Record<string, unknown>): Record<string, unknown> {
  const address = typeof hostVars.ansible_host === "string" ? hostVars.ansible_host : undefined;
  const ipv4 = address && /^\d+\.\d+\.\d+\.\d+$/.test(address) ? { address } : undefined;
  const custom = hostVars.ha_lint_facts;
  return {
    distribution: "Debian",
    distribution_version: "12",
    distribution_major_version: "12",
    distribution_release: "bookworm",
    os_family: "Debian",
    pkg_mgr: "apt",
    service_mgr: "systemd",
    system: "Linux",
    hostname: host.split(".")[0],
    nodename: host,
    fqdn: host,
    ...(ipv4 ? { default_ipv4: ipv4, all_ipv4_addresses: [ipv4.address] } : {}),
    ...(typeof custom === "object" && custom !== null ? (custom as Record<string, unknown>) : {}),
  };
}

interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: NodeJS.ErrnoException;
}

function runCommand(
  file: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): CommandResult {
  const run = spawnSync(file, args, {
    cwd: options.cwd,
    env: options.env,
    encoding: "utf8",
    timeout: options.timeoutMs,
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return {
    status: run.status,
    stdout: run.stdout ?? "",
    stderr: run.stderr ?? "",
    ...(run.error ? { error: run.error as NodeJS.ErrnoException } : {}),
  };
}

/** Ansible's own error lines ("ERROR! ..." and what follows), without its warnings' noise. */
/** The error when an Ansible command is not installed. */
function ansibleMissing(command: string): InputError {
  return new InputError(
    `${command} not found: 'ha-lint ansible' renders with the real Ansible (Debian: apt-get install ansible)`,
  );
}

function ansibleError(stderr: string, stdout = ""): string {
  const text = `${stderr}\n${stdout}`;
  const error = text.indexOf("ERROR!");
  const shown = (error >= 0 ? text.slice(error) : text).trim().split("\n").slice(0, 12).join("\n  ");
  return shown || "no output";
}

interface InventoryHosts {
  hosts: string[];
  hostVars: Record<string, Record<string, unknown>>;
}

function readInventory(
  inventoryCommand: string,
  inventory: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
): InventoryHosts {
  const run = runCommand(inventoryCommand, ["-i", inventory, "--list"], { cwd, env, timeoutMs: 120_000 });
  if (run.error?.code === "ENOENT") throw ansibleMissing(inventoryCommand);
  if (run.error) throw new InputError(`${inventoryCommand}: cannot run it (${run.error.code ?? run.error.message})`);
  if (run.status !== 0)
    throw new InputError(`${inventory}: Ansible cannot read this inventory:\n  ${ansibleError(run.stderr)}`);
  const unparsed = /Unable to parse (.*) as an inventory source|No inventory was parsed/.exec(run.stderr);
  if (unparsed)
    throw new InputError(
      `${inventory}: Ansible cannot read this inventory:\n  ${ansibleError(run.stderr).replace(/\[WARNING\]: /g, "")}`,
    );
  let data: Record<string, { hosts?: string[]; hostvars?: Record<string, Record<string, unknown>> }>;
  try {
    data = JSON.parse(run.stdout) as typeof data;
  } catch {
    throw new InputError(
      `${inventory}: ansible-inventory printed no inventory:\n  ${ansibleError(run.stderr, run.stdout)}`,
    );
  }
  const hostVars = data._meta?.hostvars ?? {};
  const hosts = new Set(Object.keys(hostVars));
  for (const [group, value] of Object.entries(data))
    if (group !== "_meta") for (const host of value.hosts ?? []) hosts.add(host);
  if (hosts.size === 0) throw new InputError(`${inventory}: the inventory has no hosts`);
  return { hosts: [...hosts].sort(), hostVars };
}

const SKIPPED_DIRS = new Set([".git", "node_modules", ".tox", ".venv", "__pycache__"]);
const MAX_COPIED_FILES = 20_000;

/** Copies a folder, skipping VCS and package folders; refuses trees too large to be a playbook's. */
function copyTree(from: string, to: string): void {
  let count = 0;
  cpSync(from, to, {
    recursive: true,
    dereference: true,
    filter: (source) => {
      if (SKIPPED_DIRS.has(basename(source))) return false;
      if (++count > MAX_COPIED_FILES)
        throw new InputError(`${from}: more than ${MAX_COPIED_FILES} files; give the playbook's own folder`);
      return true;
    },
  });
}

function walkFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walkFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

function readYaml(file: string): unknown {
  try {
    return parseYaml(readFileSync(file, "utf8"), { logLevel: "silent", uniqueKeys: false });
  } catch {
    return undefined;
  }
}

/** Folders of a tree that hold templates or data rather than tasks. */
const YAML_OUT = { aliasDuplicateObjects: false, lineWidth: 0 };

const NOT_TASK_FOLDERS = ["templates", "files", "group_vars", "host_vars", "vars", "defaults", "molecule", "tests?"];
const NOT_TASKS = new RegExp(
  `(^|/)(${[...NOT_TASK_FOLDERS, "meta", "library", "filter_plugins", "module_utils"].join("|")})(/|$)`,
);

/** Rewrites the tree's task files and playbooks, drops role dependencies, and marks every template beside itself. */
function rewriteTree(root: string, templates: string[]): void {
  for (const file of walkFiles(root)) {
    const inside = relative(root, file).split(sep).join("/");
    if (/(^|\/)templates\//.test(inside) || /\.j2$/.test(file)) {
      if (file.endsWith(MARKED_SUFFIX)) continue;
      const text = readFileSync(file, "utf8");
      if (text.includes("\u0000")) continue;
      templates.push(file);
      writeFileSync(file + MARKED_SUFFIX, markTemplate(text, templates.length - 1));
      continue;
    }
    if (!/\.ya?ml$/.test(file)) continue;
    if (/(^|\/)meta\/main\.ya?ml$/.test(inside)) {
      const meta = readYaml(file);
      if (meta && typeof meta === "object" && "dependencies" in meta) {
        delete (meta as Record<string, unknown>).dependencies;
        writeFileSync(file, stringifyYaml(meta));
      }
      continue;
    }
    if (NOT_TASKS.test(dirname(inside))) continue;
    const data = readYaml(file);
    if (isPlaybook(data)) writeFileSync(file, stringifyYaml(rewritePlaybook(data, relative(root, file)), YAML_OUT));
    else if (isTaskList(data)) writeFileSync(file, stringifyYaml(rewriteTasks(data, relative(root, file)), YAML_OUT));
  }
}

/** Role names the tree uses literally, to copy in those that are not there. */
function usedRoles(root: string): string[] {
  const out = new Set<string>();
  for (const file of walkFiles(root)) {
    if (!/\.ya?ml$/.test(file) || /(^|\/)templates\//.test(file)) continue;
    const data = readYaml(file);
    if (isPlaybook(data)) for (const play of data) for (const name of playRoles(play)) out.add(name);
    else if (isTaskList(data)) for (const name of includedRoles(data)) out.add(name);
  }
  return [...out];
}

function rolesPath(extra: readonly string[]): string[] {
  const fromEnv = (process.env.ANSIBLE_ROLES_PATH ?? "").split(":").filter(Boolean);
  return [...extra, ...fromEnv, join(homedir(), ".ansible/roles"), "/usr/share/ansible/roles", "/etc/ansible/roles"];
}

interface CopyRoot {
  copy: string;
  original: string;
}

/** The user's path of a file in the copies. */
function originalPath(file: string, roots: readonly CopyRoot[]): string | undefined {
  const root = [...roots]
    .sort((a, b) => b.copy.length - a.copy.length)
    .find((r) => file === r.copy || file.startsWith(r.copy + sep));
  return root ? join(root.original, relative(root.copy, file)) : undefined;
}

/** Where Ansible finds a template's `src`: the role's templates and folder, then the task file's, then the play's. */
function templateCandidates(taskFile: string, source: string, playDir: string): string[] {
  if (isAbsolute(source)) return [source];
  const out: string[] = [];
  const role = /^(.*\/roles\/[^/]+)\/tasks\//.exec(taskFile)?.[1];
  if (role) out.push(join(role, "templates", source), join(role, source));
  out.push(join(dirname(taskFile), "templates", source), join(dirname(taskFile), source));
  out.push(join(playDir, "templates", source), join(playDir, source));
  return out;
}

interface PlaybookTasksResult {
  plays?: { tasks?: { task?: { name?: string }; hosts?: Record<string, TaskHostResult> }[] }[];
}
interface TaskHostResult {
  action?: string;
  failed?: boolean;
  skipped?: boolean;
  msg?: string;
  results?: TaskHostResult[];
}

/**
 * Tasks that failed on a host: the render tasks, and any other task that stopped the host (an include that cannot
 * be read...); not the kept set_fact and include_vars tasks (their errors are ignored) nor the marked renderings.
 */
function failuresOf(output: PlaybookTasksResult): string[] {
  const out: string[] = [];
  for (const play of output.plays ?? [])
    for (const task of play.tasks ?? []) {
      const name = task.task?.name ?? "";
      if (MARK_TASK.test(name)) continue;
      const shown = name.replace(/^(.* : )?ha-lint render: /, "$1");
      for (const [host, result] of Object.entries(task.hosts ?? {}))
        for (const one of result.results ?? [result]) {
          if (!one.failed || /(^|\.)(set_fact|include_vars)$/.test(one.action ?? result.action ?? "")) continue;
          out.push(`${host}: task '${shown}': ${(one.msg ?? "failed").split("\n")[0]}`);
        }
    }
  return [...new Set(out)];
}

/** A marked rendering's task name (a role's tasks are named "<role> : <name>" in the output). */
const MARK_TASK = /^(.* : )?ha-lint mark: /;

/** The marked renderings the `debug` mark tasks printed ("<output name> <text>"), by host and output name. */
function markedOf(output: PlaybookTasksResult): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const play of output.plays ?? [])
    for (const task of play.tasks ?? []) {
      if (!MARK_TASK.test(task.task?.name ?? "")) continue;
      for (const [host, result] of Object.entries(task.hosts ?? {}))
        for (const one of result.results ?? [result]) {
          if (one.failed || typeof one.msg !== "string") continue;
          const space = one.msg.indexOf(" ");
          if (space < 0) continue;
          if (!out.has(host)) out.set(host, new Map());
          out.get(host)?.set(one.msg.slice(0, space), one.msg.slice(space + 1));
        }
    }
  return out;
}

function decodeOutputName(name: string): { taskFile: string; source: string; dest: string } | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(name.replace(/_/g, "/"), "base64").toString("utf8"));
    if (!Array.isArray(decoded) || decoded.length !== 3 || !decoded.every((part) => typeof part === "string"))
      return undefined;
    return { taskFile: decoded[0], source: decoded[1], dest: decoded[2] };
  } catch {
    return undefined;
  }
}

export function renderWithAnsible(request: AnsibleRenderRequest): AnsibleRender {
  const playbookCommand = request.ansiblePlaybook ?? process.env.HA_LINT_ANSIBLE_PLAYBOOK ?? "ansible-playbook";
  const inventoryCommand = playbookCommand.includes("/")
    ? join(dirname(playbookCommand), "ansible-inventory")
    : "ansible-inventory";
  const { inventory, target, isRole } = checkedTarget(request);
  const work = mkdtempSync(join(tmpdir(), "ha-lint-ansible-"));
  const root = request.keepDir ? resolve(request.keepDir) : join(work, "nodes");
  const cleanup = (): void => rmSync(work, { recursive: true, force: true });
  try {
    const env = ansibleEnvironment(work);
    const { hosts, hostVars } = readInventory(inventoryCommand, inventory, env, dirname(inventory));
    const playDir = join(work, "play");
    const roots: CopyRoot[] = [];
    const playbook = copyPlay(request, target, isRole, playDir, roots);
    // Roles named but not in the copy: from the role's siblings (a role target), then Ansible's roles path.
    copyMissingRoles(playDir, rolesPath(isRole ? [dirname(target)] : [join(dirname(target), "roles")]), roots);
    const templates: string[] = [];
    rewriteTree(playDir, templates);
    const out = prepareRun(work, hosts, hostVars);
    const args = ["-i", inventory, playbook, "--check", "-e", `@${join(work, "extra-vars.json")}`];
    if (request.limit) args.push("--limit", request.limit);
    const output = runPlaybook(request, playbookCommand, args, { cwd: playDir, env });
    const rendered = { out, root, playDir, templates, roots, printedMarked: markedOf(output) };
    return {
      root,
      hosts,
      files: hosts.flatMap((host) => renderedFilesOf(rendered, host)),
      templates: templates.map((file) => originalPath(file, roots) ?? file),
      failures: failuresOf(output),
      cleanup,
    };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** The inventory and the target, resolved and checked: a playbook file, or a role folder (one with tasks/). */
function checkedTarget(request: AnsibleRenderRequest): { inventory: string; target: string; isRole: boolean } {
  const inventory = resolve(request.inventory);
  if (!existsSync(inventory)) throw new InputError(`${request.inventory}: no such inventory`);
  const target = resolve(request.target);
  const targetStat = existsSync(target) ? statSync(target) : undefined;
  if (!targetStat) throw new InputError(`${request.target}: no such playbook or role`);
  const isRole = targetStat.isDirectory();
  if (isRole && !existsSync(join(target, "tasks")))
    throw new InputError(`${request.target}: a folder without tasks/ is not a role; give a playbook or a role`);
  if (request.keepDir && existsSync(request.keepDir) && readdirSync(request.keepDir).length > 0)
    throw new InputError(`${request.keepDir}: not empty; --keep-rendered renders into a new or empty folder`);
  return { inventory, target, isRole };
}

/** Ansible's settings for the run: JSON output, no colour or warnings, every path of its own inside `work`. */
function ansibleEnvironment(work: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ANSIBLE_STDOUT_CALLBACK: "json",
    ANSIBLE_LOAD_CALLBACK_PLUGINS: "1",
    ANSIBLE_CACHE_PLUGIN: "jsonfile",
    ANSIBLE_CACHE_PLUGIN_CONNECTION: join(work, "facts"),
    ANSIBLE_GATHERING: "explicit",
    ANSIBLE_NOCOLOR: "1",
    ANSIBLE_FORCE_COLOR: "0",
    ANSIBLE_RETRY_FILES_ENABLED: "0",
    ANSIBLE_HOST_KEY_CHECKING: "0",
    ANSIBLE_LOCAL_TEMP: join(work, "tmp"),
    ANSIBLE_REMOTE_TEMP: join(work, "tmp"),
    ANSIBLE_HOME: join(work, "home"),
    ANSIBLE_COLLECTIONS_PATH: join(work, "collections"),
    ANSIBLE_ROLES_PATH: join(work, "play", "roles"),
    ANSIBLE_DEPRECATION_WARNINGS: "0",
    ANSIBLE_SYSTEM_WARNINGS: "0",
  };
}

/** Copies the playbook's folder (or the role, with a playbook that applies it) into `playDir`; the playbook's path. */
function copyPlay(
  request: AnsibleRenderRequest,
  target: string,
  isRole: boolean,
  playDir: string,
  roots: CopyRoot[],
): string {
  if (isRole) {
    const name = basename(target);
    mkdirSync(join(playDir, "roles"), { recursive: true });
    copyTree(target, join(playDir, "roles", name));
    roots.push({ copy: join(playDir, "roles", name), original: target });
    const playbook = join(playDir, "ha-lint-role-play.yml");
    writeFileSync(playbook, stringifyYaml([{ hosts: "all", gather_facts: false, roles: [name] }]));
    return playbook;
  }
  copyTree(dirname(target), playDir);
  roots.push({ copy: playDir, original: dirname(target) });
  const playbook = join(playDir, basename(target));
  if (!isPlaybook(readYaml(playbook)))
    throw new InputError(`${request.target}: not a playbook (a YAML list of plays with 'hosts')`);
  return playbook;
}

/** Copies the roles the copy uses but does not hold from `searchPath`, again for the roles those use (10 rounds). */
function copyMissingRoles(playDir: string, searchPath: readonly string[], roots: CopyRoot[]): void {
  for (let pass = 0; pass < 10; pass++) {
    const missing = usedRoles(playDir).filter(
      (name) => !name.includes("/") && !existsSync(join(playDir, "roles", name)),
    );
    const found = missing
      .map((name) => ({
        name,
        dir: searchPath.map((dir) => join(dir, name)).find((dir) => existsSync(join(dir, "tasks"))),
      }))
      .filter((entry): entry is { name: string; dir: string } => entry.dir !== undefined);
    if (found.length === 0) break;
    for (const { name, dir } of found) {
      copyTree(dir, join(playDir, "roles", name));
      roots.push({ copy: join(playDir, "roles", name), original: dir });
    }
  }
}

/** The folders and files the run needs: facts per host, an output folder per host, the extra variables. */
function prepareRun(work: string, hosts: readonly string[], hostVars: Record<string, Record<string, unknown>>): string {
  mkdirSync(join(work, "facts"), { recursive: true });
  mkdirSync(join(work, "tmp"), { recursive: true });
  mkdirSync(join(work, "collections"), { recursive: true });
  const out = join(work, "out");
  for (const host of hosts) {
    mkdirSync(join(out, host), { recursive: true });
    writeFileSync(join(work, "facts", host), JSON.stringify(defaultFacts(host, hostVars[host] ?? {})));
  }
  const extraVars = {
    ansible_connection: "local",
    ansible_python_interpreter: "{{ ansible_playbook_python }}",
    ansible_become: false,
    ha_lint_out: out,
  };
  writeFileSync(join(work, "extra-vars.json"), JSON.stringify(extraVars));
  return out;
}

/** Runs ansible-playbook and reads its JSON output; a missing command, a timeout or no JSON is an InputError. */
function runPlaybook(
  request: AnsibleRenderRequest,
  playbookCommand: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): PlaybookTasksResult {
  const run = runCommand(playbookCommand, args, { ...options, timeoutMs: request.timeoutSeconds * 1000 });
  if (run.error?.code === "ENOENT") throw ansibleMissing(playbookCommand);
  if (run.error?.code === "ETIMEDOUT")
    throw new InputError(`ansible-playbook did not finish in ${request.timeoutSeconds} s (--timeout raises it)`);
  try {
    return JSON.parse(run.stdout.slice(Math.max(0, run.stdout.indexOf("{")))) as PlaybookTasksResult;
  } catch {
    throw new InputError(`ansible-playbook failed on ${request.target}:\n  ${ansibleError(run.stderr, run.stdout)}`);
  }
}

interface RenderedOutput {
  /** The run's output folder (one folder per host). */
  out: string;
  /** The node tree the files are laid into. */
  root: string;
  playDir: string;
  templates: string[];
  roots: readonly CopyRoot[];
  printedMarked: Map<string, Map<string, string>>;
}

/** A host's rendered files, laid into the node tree, with the template each came from and its line map. */
function renderedFilesOf(rendered: RenderedOutput, host: string): RenderedFile[] {
  const { out, root, playDir, roots } = rendered;
  const templateIndex = new Set(rendered.templates);
  const files: RenderedFile[] = [];
  for (const name of readdirSync(join(out, host)).sort()) {
    if (name.endsWith(".marked")) continue;
    const decoded = decodeOutputName(name);
    if (!decoded) continue;
    const text = readFileSync(join(out, host, name), "utf8");
    const marked = existsSync(join(out, host, `${name}.marked`))
      ? readFileSync(join(out, host, `${name}.marked`), "utf8")
      : rendered.printedMarked.get(host)?.get(name);
    const dest = isAbsolute(decoded.dest) ? resolve(decoded.dest) : resolve("/", decoded.dest);
    const path = join(root, host, dest);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    const templateCopy = templateCandidates(join(playDir, decoded.taskFile), decoded.source, playDir).find((file) =>
      templateIndex.has(file),
    );
    const template = templateCopy
      ? originalPath(templateCopy, roots)
      : isAbsolute(decoded.source)
        ? decoded.source
        : undefined;
    const lines = marked !== undefined ? mapRenderedLines(text, marked) : undefined;
    files.push({ host, dest, path, text, ...(template ? { template } : {}), ...(lines ? { lines } : {}) });
  }
  return files;
}
