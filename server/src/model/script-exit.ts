/**
 * What exit status a shell check script can give keepalived, read from its text (never run). A small reader of
 * POSIX sh: words (quotes, `$(...)`, backticks), command lists (`;`, `&&`, `||`, `|`, newlines) and the compound
 * commands `if`/`while`/`until`/`for`/`case`/`{ }`/function definitions. keepalived only looks at the exit status
 * (vrrp_scheduler.c vrrp_script_child_thread(): status 0 is success, anything else or a signal is failure), so the
 * question is whether any path through the script ends with a non-zero status.
 */

export interface ScriptCommandWord {
  text: string;
  /** 0-based line in the script text. */
  line: number;
}

/** One simple command: its words, as written (quotes kept). */
export interface ShellCommand {
  words: ScriptCommandWord[];
  line: number;
}

/** Why a script always exits 0. */
export type NeverFailsReason =
  /** Every way out is an `echo`/`printf` of the result: the result is printed, the status stays 0. */
  | { kind: "echoed"; line: number; text: string }
  /** The last command always succeeds (`sleep`, `true`, `exit 0`, `... || true`) and hides the check's status. */
  | { kind: "masked"; line: number; text: string };

export interface ScriptExitFacts {
  /** Set when no path through the script can end with a non-zero status. */
  neverFails?: NeverFailsReason;
  /** Commands that start or restart HAProxy (the check repairs what it should report). */
  restartsHaproxy: ShellCommand[];
  /** Every simple command, in order. */
  commands: ShellCommand[];
  /** `$?` read right after a command that always succeeds (`sleep 10; if [ $? -eq 0 ]`): it tests that command. */
  staleStatus: { command: ShellCommand; previous: ShellCommand }[];
}

type Token =
  | { kind: "word"; text: string; line: number }
  | { kind: "op"; text: ";" | "&&" | "||" | "|" | "&" | "\n" | "(" | ")" | ";;"; line: number };

/** Reads shell text left to right into words and operators, keeping the line of each. */
class ShellTokenizer {
  readonly tokens: Token[] = [];
  private line = 0;
  private at = 0;
  private word = "";
  private wordLine = 0;

  constructor(private readonly text: string) {}

  run(): Token[] {
    while (this.at < this.text.length) this.step();
    this.flush();
    return this.tokens;
  }

  private step(): void {
    const ch = this.text[this.at];
    if (this.readEscape(ch) || this.readComment(ch) || this.readQuoted(ch) || this.readExpansion(ch)) return;
    if (this.readSeparator(ch) || this.readRedirection(ch)) return;
    this.startWord();
    this.word += ch;
    this.at++;
  }

  private flush(): void {
    if (this.word !== "") this.tokens.push({ kind: "word", text: this.word, line: this.wordLine });
    this.word = "";
  }

  private startWord(): void {
    if (this.word === "") this.wordLine = this.line;
  }

  private operator(text: Extract<Token, { kind: "op" }>["text"]): void {
    this.flush();
    this.tokens.push({ kind: "op", text, line: this.line });
    this.at += text.length;
  }

  /** Index after the matching close of a `$(`, `${` or backtick opened at `from`. */
  private skipNested(from: number, open: string, close: string): number {
    const text = this.text;
    let depth = 1;
    let index = from;
    while (index < text.length && depth > 0) {
      const ch = text[index];
      if (ch === "\\") index++;
      else if (ch === "'" && open !== "`")
        index = text.indexOf("'", index + 1) < 0 ? text.length : text.indexOf("'", index + 1);
      else if (ch === open && open !== close) depth++;
      else if (ch === close) depth--;
      if (ch === "\n") this.line++;
      index++;
    }
    return index;
  }

  /** A line continuation (dropped) or a backslash and the character it escapes (kept in the word). */
  private readEscape(ch: string): boolean {
    if (ch !== "\\") return false;
    if (this.text[this.at + 1] === "\n") {
      this.at += 2;
      this.line++;
      return true;
    }
    this.startWord();
    this.word += this.text.slice(this.at, this.at + 2);
    this.at += 2;
    return true;
  }

  private readComment(ch: string): boolean {
    if (ch !== "#" || this.word !== "") return false;
    while (this.at < this.text.length && this.text[this.at] !== "\n") this.at++;
    return true;
  }

  /** A single- or double-quoted string, kept with its quotes in the word. */
  private readQuoted(ch: string): boolean {
    const text = this.text;
    if (ch === "'") {
      this.startWord();
      const end = text.indexOf("'", this.at + 1);
      const stop = end < 0 ? text.length : end + 1;
      const quoted = text.slice(this.at, stop);
      this.line += quoted.split("\n").length - 1;
      this.word += quoted;
      this.at = stop;
      return true;
    }
    if (ch !== '"') return false;
    this.startWord();
    let index = this.at + 1;
    while (index < text.length && text[index] !== '"') {
      if (text[index] === "\\") index++;
      else if (text[index] === "$" && text[index + 1] === "(") index = this.skipNested(index + 2, "(", ")") - 1;
      else if (text[index] === "`") index = this.skipNested(index + 1, "`", "`") - 1;
      else if (text[index] === "\n") this.line++;
      index++;
    }
    this.word += text.slice(this.at, index + 1);
    this.at = index + 1;
    return true;
  }

  /** `$(...)`, `${...}` or a backtick substitution, kept whole in the word. */
  private readExpansion(ch: string): boolean {
    const next = this.text[this.at + 1];
    const opensBlock = ch === "$" && (next === "(" || next === "{");
    if (!opensBlock && ch !== "`") return false;
    this.startWord(); // before skipNested(), which counts the lines inside
    const end = opensBlock
      ? this.skipNested(this.at + 2, next, next === "(" ? ")" : "}")
      : this.skipNested(this.at + 1, "`", "`");
    this.word += this.text.slice(this.at, end);
    this.at = end;
    return true;
  }

  /** Blanks end a word; newlines and control operators are tokens of their own. */
  private readSeparator(ch: string): boolean {
    if (ch === " " || ch === "\t" || ch === "\r") {
      this.flush();
      this.at++;
      return true;
    }
    if (ch === "\n") {
      this.operator("\n");
      this.line++;
      return true;
    }
    const two = this.text.slice(this.at, this.at + 2);
    if (two === "&&" || two === "||" || two === ";;") {
      this.operator(two);
      return true;
    }
    if (ch === ";" || ch === "|" || ch === "&" || ch === "(" || ch === ")") {
      this.operator(ch);
      return true;
    }
    return false;
  }

  /** Redirections stay words of their command (`2>&1`, `>/dev/null`, `<<EOF` is not followed). */
  private readRedirection(ch: string): boolean {
    if (ch !== ">" && ch !== "<") return false;
    const text = this.text;
    this.startWord();
    let index = this.at + 1;
    while (index < text.length && /[>&<0-9-]/.test(text[index]) && !(text[index] === "&" && text[index + 1] === "&"))
      index++;
    this.word += text.slice(this.at, index);
    this.at = index;
    return true;
  }
}

/** Split shell text into words and operators; comments and line continuations dropped. */
export function tokenizeShell(text: string): Token[] {
  return new ShellTokenizer(text).run();
}

/** A pipeline's and-or list: `a && b || c`. Each element is the status-giving command of one pipeline. */
interface AndOr {
  kind: "list";
  parts: { node: ShellNode; op?: "&&" | "||" }[];
  background: boolean;
}
type ShellNode =
  | { kind: "simple"; command: ShellCommand }
  | { kind: "if"; branches: ShellNode[][]; hasElse: boolean; line: number }
  | { kind: "loop"; body: ShellNode[]; line: number }
  | { kind: "case"; arms: ShellNode[][]; line: number }
  | { kind: "group"; body: ShellNode[]; line: number }
  | { kind: "function"; name: string; body: ShellNode[]; line: number }
  | AndOr;

const CLOSERS = new Set(["then", "elif", "else", "fi", "do", "done", "esac", "}"]);

class ShellReader {
  private pos = 0;
  readonly commands: ShellCommand[] = [];
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  private isWord(text: string): boolean {
    const t = this.peek();
    return t?.kind === "word" && t.text === text;
  }
  private skipSeparators(): void {
    for (let t = this.peek(); t?.kind === "op" && (t.text === "\n" || t.text === ";"); t = this.peek()) this.pos++;
  }

  /** Statements until one of `stops` (a reserved word in command position) or the end. */
  statements(stops: ReadonlySet<string>): ShellNode[] {
    const out: ShellNode[] = [];
    for (;;) {
      this.skipSeparators();
      const t = this.peek();
      if (!t) return out;
      if (t.kind === "word" && stops.has(t.text)) return out;
      if (t.kind === "op" && (t.text === ")" || t.text === ";;")) return out;
      const before = this.pos;
      const list = this.andOr();
      if (list) out.push(list);
      if (this.pos === before) this.pos++; // never loop on a token nothing reads
    }
  }

  private andOr(): AndOr | undefined {
    const parts: AndOr["parts"] = [];
    let op: "&&" | "||" | undefined;
    for (;;) {
      const node = this.pipeline();
      if (!node) break;
      parts.push(op ? { node, op } : { node });
      const t = this.peek();
      if (t?.kind === "op" && (t.text === "&&" || t.text === "||")) {
        op = t.text;
        this.pos++;
        while (this.peek()?.kind === "op" && this.peek()?.text === "\n") this.pos++;
        continue;
      }
      break;
    }
    if (parts.length === 0) return undefined;
    const t = this.peek();
    const background = t?.kind === "op" && t.text === "&";
    if (background) this.pos++;
    return { kind: "list", parts, background };
  }

  /** The last command of a pipeline gives its status (no pipefail in sh). */
  private pipeline(): ShellNode | undefined {
    let last: ShellNode | undefined;
    for (;;) {
      const node = this.command();
      if (!node) return last;
      last = node;
      const t = this.peek();
      if (t?.kind === "op" && t.text === "|") {
        this.pos++;
        continue;
      }
      return last;
    }
  }

  private command(): ShellNode | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (t.kind === "op") {
      if (t.text === "(") {
        this.pos++;
        const body = this.statements(new Set());
        if (this.peek()?.text === ")") this.pos++;
        return { kind: "group", body, line: t.line };
      }
      return undefined;
    }
    if (CLOSERS.has(t.text)) return undefined;
    if (t.text === "if") return this.ifCommand(t.line);
    if (t.text === "while" || t.text === "until" || t.text === "for") return this.loop(t.line);
    if (t.text === "case") return this.caseCommand(t.line);
    if (t.text === "{") {
      this.pos++;
      const body = this.statements(new Set(["}"]));
      if (this.isWord("}")) this.pos++;
      this.redirections();
      return { kind: "group", body, line: t.line };
    }
    if (t.text === "function" || /^[A-Za-z_][\w-]*\(\)$/.test(t.text) || this.isFunctionHeader()) {
      return this.functionDefinition(t.line);
    }
    const words: ScriptCommandWord[] = [];
    for (let w = this.peek(); w?.kind === "word"; w = this.peek()) {
      words.push({ text: w.text, line: w.line });
      this.pos++;
    }
    const command = { words, line: t.line };
    this.commands.push(command);
    return { kind: "simple", command };
  }

  private isFunctionHeader(): boolean {
    const next = this.tokens[this.pos + 1];
    const after = this.tokens[this.pos + 2];
    return next?.kind === "op" && next.text === "(" && after?.kind === "op" && after.text === ")";
  }

  private functionDefinition(line: number): ShellNode {
    let name = this.peek()?.text ?? "";
    this.pos++;
    if (name === "function") {
      name = this.peek()?.text ?? "";
      this.pos++;
    }
    name = name.replace(/\(\)$/, "");
    while (this.peek()?.kind === "op" && this.peek()?.text !== "\n" && this.peek()?.text !== ";") this.pos++;
    while (this.peek()?.kind === "op" && this.peek()?.text === "\n") this.pos++;
    const body = this.command();
    return { kind: "function", name, body: body ? [body] : [], line };
  }

  private redirections(): void {
    while (this.peek()?.kind === "word" && /^[0-9]*[<>]/.test(this.peek()?.text ?? "")) this.pos++;
  }

  private ifCommand(line: number): ShellNode {
    this.pos++;
    const branches: ShellNode[][] = [];
    let hasElse = false;
    this.statements(new Set(["then"]));
    for (;;) {
      if (this.isWord("then")) this.pos++;
      branches.push(this.statements(new Set(["elif", "else", "fi"])));
      if (this.isWord("elif")) {
        this.pos++;
        this.statements(new Set(["then"]));
        continue;
      }
      if (this.isWord("else")) {
        this.pos++;
        hasElse = true;
        branches.push(this.statements(new Set(["fi"])));
      }
      if (this.isWord("fi")) this.pos++;
      this.redirections();
      return { kind: "if", branches, hasElse, line };
    }
  }

  private loop(line: number): ShellNode {
    this.pos++;
    // Header up to `do` (the condition of while/until, the word list of for).
    this.statements(new Set(["do"]));
    if (this.isWord("do")) this.pos++;
    const body = this.statements(new Set(["done"]));
    if (this.isWord("done")) this.pos++;
    this.redirections();
    return { kind: "loop", body, line };
  }

  private caseCommand(line: number): ShellNode {
    this.pos++;
    while (this.peek() && !this.isWord("in")) this.pos++;
    this.pos++;
    const arms: ShellNode[][] = [];
    for (;;) {
      this.skipSeparators();
      if (!this.peek() || this.isWord("esac")) break;
      // The pattern list up to ')'.
      while (this.peek() && !(this.peek()?.kind === "op" && this.peek()?.text === ")")) this.pos++;
      this.pos++;
      arms.push(this.statements(new Set(["esac"])));
      if (this.peek()?.kind === "op" && this.peek()?.text === ";;") this.pos++;
    }
    if (this.isWord("esac")) this.pos++;
    return { kind: "case", arms, line };
  }
}

/** Commands whose status is 0 whatever happened before them. */
const ALWAYS_ZERO = new Set(["echo", "printf", "true", ":", "sleep", "logger"]);
const PRINTS = new Set(["echo", "printf"]);

function bare(word: string): string {
  return word.replace(/^["']|["']$/g, "");
}

/** A command that ends the script with status 0, or a command that always returns 0; undefined when it can fail. */
function alwaysZero(command: ShellCommand): "exit0" | "print" | "zero" | undefined {
  const [first, second] = command.words.map((w) => bare(w.text));
  if (first === undefined) return "zero";
  if (first === "exit" || first === "return") return second === "0" ? "exit0" : undefined;
  if (/^[A-Za-z_]\w*=/.test(first) && command.words.length === 1 && !first.includes("$(") && !first.includes("`"))
    return "zero";
  const program = first.split("/").pop() ?? first;
  if (PRINTS.has(program)) return "print";
  return ALWAYS_ZERO.has(program) ? "zero" : undefined;
}

/**
 * The commands that can give the status a list of statements ends with (undefined entries: something that can fail).
 */
interface Terminal {
  command?: ShellCommand;
  /** The status is 0 without any command (an `if` whose branches were all skipped, a function definition). */
  implicitZero?: boolean;
}

function terminals(nodes: readonly ShellNode[], functions: ReadonlyMap<string, ShellNode[]>, depth = 0): Terminal[] {
  const last = nodes[nodes.length - 1];
  if (!last) return [{ implicitZero: true }];
  return nodeTerminals(last, functions, depth);
}

function nodeTerminals(node: ShellNode, functions: ReadonlyMap<string, ShellNode[]>, depth: number): Terminal[] {
  if (depth > 8) return [{}];
  switch (node.kind) {
    case "simple": {
      const called = functions.get(bare(node.command.words[0]?.text ?? ""));
      if (called) return terminals(called, functions, depth + 1);
      return [{ command: node.command }];
    }
    case "list": {
      if (node.background) return [{ implicitZero: true }];
      // `a && b`: a's failure or b's status; `a || b`: a's success or b's status.
      const out: Terminal[] = [];
      for (let i = node.parts.length - 1; i >= 0; i--) {
        out.push(...nodeTerminals(node.parts[i].node, functions, depth));
        const op = node.parts[i].op;
        if (op === undefined) break;
        // The parts before an `||` only end the list when they succeed (status 0): no failing terminal from them.
        if (op === "||") return out;
      }
      return out;
    }
    case "if": {
      const out = node.branches.flatMap((b) => terminals(b, functions, depth));
      if (!node.hasElse) out.push({ implicitZero: true });
      return out;
    }
    case "group":
      return terminals(node.body, functions, depth);
    case "function":
      return [{ implicitZero: true }];
    default:
      return [{}]; // loops and case: not followed
  }
}

/** Every simple command reachable in the tree, including inside compounds (for explicit `exit`s anywhere). */
function* allNodes(nodes: readonly ShellNode[]): Generator<ShellNode> {
  for (const node of nodes) {
    yield node;
    switch (node.kind) {
      case "list":
        yield* allNodes(node.parts.map((p) => p.node));
        break;
      case "if":
        for (const b of node.branches) yield* allNodes(b);
        break;
      case "loop":
      case "group":
      case "function":
        yield* allNodes(node.body);
        break;
      case "case":
        for (const a of node.arms) yield* allNodes(a);
        break;
      default:
        break;
    }
  }
}

const HAPROXY_SERVICE = /^(?:haproxy|haproxy\.service)$/;

/** `systemctl restart haproxy`, `service haproxy start`, `/etc/init.d/haproxy restart`, `haproxy -f ...`. */
function startsHaproxy(command: ShellCommand): boolean {
  const words = command.words.map((w) => bare(w.text));
  const start = words.findIndex((w) => !/^(?:sudo|-\S+|[A-Za-z_]\w*=.*)$/.test(w));
  if (start < 0) return false;
  const program = words[start].split("/").pop() ?? "";
  const rest = words.slice(start + 1);
  const verbs = /^(?:start|restart|try-restart|reload-or-restart|force-reload)$/;
  if (program === "systemctl") return rest.some((w) => verbs.test(w)) && rest.some((w) => HAPROXY_SERVICE.test(w));
  if (program === "service") return HAPROXY_SERVICE.test(rest[0] ?? "") && verbs.test(rest[1] ?? "");
  if (words[start].endsWith("init.d/haproxy") || words[start].endsWith("rc.d/haproxy"))
    return verbs.test(rest[0] ?? "");
  if (program === "haproxy") return rest.includes("-f") && !rest.some((w) => /^-(?:c|v+|vv|dK\w*)$/.test(w));
  return false;
}

/** The command's first word when the script turns on errexit (`set -e`, `set -o errexit`, `#!/bin/sh -e`). */
function errexit(text: string, commands: readonly ShellCommand[]): boolean {
  if (/^#!\S+(?:\s+\S+)?\s+-\w*e/.test(text)) return true;
  return commands.some((c) => {
    const words = c.words.map((w) => bare(w.text));
    return (
      words[0] === "set" &&
      words.slice(1).some((w, i, all) => /^-\w*e/.test(w) || (w === "-o" && all[i + 1] === "errexit"))
    );
  });
}

/** Read a check script's text: can it ever exit non-zero, and does it restart HAProxy itself? */
export function scriptExitFacts(text: string): ScriptExitFacts {
  const reader = new ShellReader(tokenizeShell(text));
  const tree = reader.statements(new Set());
  const commands = reader.commands;
  const staleStatus = commands.flatMap((command, i) => {
    const previous = commands[i - 1];
    const readsStatus = command.words.some((w) => w.text.includes("$?"));
    return previous && readsStatus && alwaysZero(previous) !== undefined && alwaysZero(previous) !== "exit0"
      ? [{ command, previous }]
      : [];
  });
  const facts: ScriptExitFacts = { restartsHaproxy: commands.filter(startsHaproxy), commands, staleStatus };
  if (commands.length === 0 || errexit(text, commands)) return facts;
  const functions = new Map<string, ShellNode[]>();
  for (const node of allNodes(tree)) if (node.kind === "function") functions.set(node.name, node.body);
  // An explicit exit (or return) that is not `exit 0` anywhere can end the script with a failure.
  for (const node of allNodes(tree)) {
    if (node.kind !== "simple") continue;
    const [first, second] = node.command.words.map((w) => bare(w.text));
    if ((first === "exit" || first === "return") && second !== "0") return facts;
    if (first === "trap") return facts; // a trap can set the status on exit
  }
  const ends = terminals(tree, functions);
  const kinds = ends.map((end) => (end.implicitZero ? "zero" : end.command ? alwaysZero(end.command) : undefined));
  if (kinds.some((k) => k === undefined)) return facts;
  const named = ends.filter((e) => e.command).map((e) => e.command as ShellCommand);
  const printed = named.filter((c) => alwaysZero(c) === "print");
  const describe = (c: ShellCommand): string => c.words.map((w) => w.text).join(" ");
  const lastTop = tree[tree.length - 1];
  const masking = named.find((c) => alwaysZero(c) !== "print");
  if (printed.length > 0 && (printed.length === named.length || !masking))
    facts.neverFails = {
      kind: "echoed",
      line: printed[printed.length - 1].line,
      text: describe(printed[printed.length - 1]),
    };
  else if (masking) facts.neverFails = { kind: "masked", line: masking.line, text: describe(masking) };
  else if (lastTop) facts.neverFails = { kind: "masked", line: lineOfNode(lastTop), text: "" };
  return facts;
}

function lineOfNode(node: ShellNode): number {
  if (node.kind === "simple") return node.command.line;
  if (node.kind === "list") return lineOfNode(node.parts[0].node);
  return node.line;
}

const SHELL_NAMES = /^(?:sh|bash|dash|ash|ksh|zsh)$/;

/** The shell text a vrrp_script runs: the `-c` string of `/bin/sh -c '...'`, or the script file when it is sh. */
export function checkShellText(command: {
  args: readonly string[];
  fileText?: string;
  filePath?: string;
}): { text: string; inline: boolean } | undefined {
  const [program, ...rest] = command.args;
  if (!program) return undefined;
  const name = program.split("/").pop() ?? program;
  if (SHELL_NAMES.test(name)) {
    const flag = rest.findIndex((a) => /^-[a-z]*c[a-z]*$/.test(a));
    if (flag >= 0 && rest[flag + 1] !== undefined) return { text: rest[flag + 1], inline: true };
    return undefined;
  }
  if (command.fileText === undefined) return undefined;
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(command.fileText);
  if (shebang) {
    const interpreter = shebang[1].split("/").pop() ?? "";
    const viaEnv = interpreter === "env" ? (shebang[2] ?? "") : interpreter;
    return SHELL_NAMES.test(viaEnv) ? { text: command.fileText, inline: false } : undefined;
  }
  // No shebang: only a .sh name says the file is meant as shell.
  return /\.sh$/.test(command.filePath ?? program) ? { text: command.fileText, inline: false } : undefined;
}
