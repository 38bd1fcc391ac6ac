/**
 * Evaluation of `.if` / `.elif` conditions (HAProxy cfgcond.c): numbers, `!`, `&&`, `||`, parentheses and the
 * predicates defined(), feature(), streq(), strneq(), version_atleast(), version_before(),
 * openssl_version_atleast(), openssl_version_before(), ssllib_name_startswith() and, from 2.8, enabled().
 */

export interface ConditionContext {
  /** Target HAProxy version, e.g. "2.6" (taken as its newest patch release). */
  version: string;
  /** Build features (`haproxy -vv` "Feature list" names with a +). */
  features: ReadonlySet<string>;
  /** Environment known to the analysis; unknown variables are unset, as in an empty environment. */
  env?: Readonly<Record<string, string>>;
  /** SSL library version and name assumed for openssl_* and ssllib_* predicates. */
  sslVersion?: string;
  sslName?: string;
}

/** The build of Debian's haproxy 2.6 package (haproxy -vv). */
export const debianFeatures: ReadonlySet<string> = new Set(
  "ACCEPT4 BACKTRACE CPU_AFFINITY CRYPT_H DL EPOLL GETADDRINFO LIBCRYPT LINUX_SPLICE LINUX_TPROXY LUA NETFILTER NS OPENSSL OT PCRE2 PCRE2_JIT POLL PRCTL PROMEX RT SLZ SYSTEMD TFO THREAD THREAD_DUMP TPROXY".split(
    " ",
  ),
);

export type ConditionResult = { value: boolean } | { error: string };

/** Compare dotted versions; a missing component of `target` counts as "any", so "2.6" >= "2.6.3". */
export function compareVersions(target: string, wanted: string): number {
  const parse = (v: string): number[] =>
    v
      .replace(/-.*$/, "")
      .split(".")
      .map((x) => Number.parseInt(x, 10))
      .map((n) => (Number.isFinite(n) ? n : 0));
  const a = parse(target);
  const b = parse(wanted);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i >= a.length) return 0;
    const x = a[i];
    const y = b[i] ?? 0;
    if (x !== y) return x - y;
  }
  // "3.1-dev8" is before "3.1".
  if (/-/.test(wanted) && !/-/.test(target)) return 1;
  return 0;
}

export function evaluateCondition(text: string, ctx: ConditionContext): ConditionResult {
  const parser = new ConditionParser(text, ctx);
  try {
    const value = parser.expression(0);
    parser.skipBlanks();
    if (!parser.atEnd()) return { error: `unexpected '${parser.rest()}' in condition` };
    return { value };
  } catch (e) {
    return { error: e instanceof ConditionError ? e.message : "unparsable condition" };
  }
}

class ConditionError extends Error {}

const PREDICATES: Record<string, { args: number; since?: string }> = {
  defined: { args: 1 },
  feature: { args: 1 },
  streq: { args: 2 },
  strneq: { args: 2 },
  version_atleast: { args: 1 },
  version_before: { args: 1 },
  openssl_version_atleast: { args: 1 },
  openssl_version_before: { args: 1 },
  ssllib_name_startswith: { args: 1 },
  enabled: { args: 1, since: "2.8" },
  awslc_api_atleast: { args: 1, since: "3.2" },
  awslc_api_before: { args: 1, since: "3.2" },
};

class ConditionParser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly ctx: ConditionContext,
  ) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  rest(): string {
    return this.text.slice(this.pos);
  }

  skipBlanks(): void {
    while (this.text[this.pos] === " " || this.text[this.pos] === "\t") this.pos++;
  }

  expression(depth: number): boolean {
    if (depth > 32) throw new ConditionError("condition nested too deeply");
    let value = this.conjunction(depth);
    for (;;) {
      this.skipBlanks();
      if (!this.text.startsWith("||", this.pos)) return value;
      this.pos += 2;
      const right = this.conjunction(depth);
      value = value || right;
    }
  }

  private conjunction(depth: number): boolean {
    let value = this.term(depth);
    for (;;) {
      this.skipBlanks();
      if (!this.text.startsWith("&&", this.pos)) return value;
      this.pos += 2;
      const right = this.term(depth);
      value = value && right;
    }
  }

  private term(depth: number): boolean {
    this.skipBlanks();
    let neg = false;
    while (this.text[this.pos] === "!") {
      neg = !neg;
      this.pos++;
      this.skipBlanks();
    }
    const number = /^[-+]?(0x[0-9a-fA-F]+|[0-9]+)/.exec(this.rest());
    if (number) {
      this.pos += number[0].length;
      return (Number(number[0]) !== 0) !== neg;
    }
    if (this.text[this.pos] === "(") {
      this.pos++;
      const v = this.expression(depth + 1);
      this.skipBlanks();
      if (this.text[this.pos] !== ")") throw new ConditionError("expected ')' in condition");
      this.pos++;
      return v !== neg;
    }
    const name = /^[a-z_]+/.exec(this.rest());
    if (!name)
      throw new ConditionError(this.atEnd() ? "empty condition" : `unparsable term '${this.rest()}' in condition`);
    const spec = PREDICATES[name[0]];
    if (!spec || (spec.since && compareVersions(this.ctx.version, spec.since) < 0)) {
      throw new ConditionError(`unknown predicate '${name[0]}' in condition`);
    }
    this.pos += name[0].length;
    this.skipBlanks();
    if (this.text[this.pos] !== "(") throw new ConditionError(`'${name[0]}' needs arguments in parentheses`);
    const close = this.text.indexOf(")", this.pos);
    if (close < 0) throw new ConditionError(`missing ')' after '${name[0]}('`);
    const args = this.text
      .slice(this.pos + 1, close)
      .split(",")
      .map((a) => a.trim().replace(/^"(.*)"$/, "$1"));
    this.pos = close + 1;
    if (args.length !== spec.args) throw new ConditionError(`'${name[0]}' takes ${spec.args} argument(s)`);
    return this.predicate(name[0], args) !== neg;
  }

  private predicate(name: string, args: string[]): boolean {
    const env = this.ctx.env ?? {};
    switch (name) {
      case "defined":
        return Object.prototype.hasOwnProperty.call(env, args[0]);
      case "feature":
        return this.ctx.features.has(args[0]);
      case "streq":
        return args[0] === args[1];
      case "strneq":
        return args[0] !== args[1];
      case "version_atleast":
        return compareVersions(this.ctx.version, args[0]) >= 0;
      case "version_before":
        return compareVersions(this.ctx.version, args[0]) < 0;
      case "openssl_version_atleast":
        return compareVersions(this.ctx.sslVersion ?? "3.0.11", args[0]) >= 0;
      case "openssl_version_before":
        return compareVersions(this.ctx.sslVersion ?? "3.0.11", args[0]) < 0;
      case "ssllib_name_startswith":
        return (this.ctx.sslName ?? "OpenSSL").startsWith(args[0]);
      case "enabled":
        return true;
      default:
        return false;
    }
  }
}
