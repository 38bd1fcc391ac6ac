/**
 * Shape of the generated keyword tables (server/src/schema/*.json).
 * The JSON files are produced by scripts/schema/*.mjs from upstream sources and committed as data.
 */

/** One keyword as the tables describe it. */
export interface KeywordSpec {
  /**
   * The keyword as written; HAProxy multi-word keywords keep their words ("timeout client", "option httpchk", "stats
   * auth").
   */
  name: string;
  /** The target versions (from the table's `versions`) in which the keyword exists. */
  versions: string[];
  /** One line, our own words, shown on hover. */
  description: string;
  /** Argument shape where known, e.g. "<number>", "<name> [ from <defaults> ]"; null: takes no argument. */
  args?: string | null;
  /** keepalived: the id of the block this keyword opens (a key of `blocks`), when it opens one. */
  block?: string;
  /** HAProxy: marked (!) in the 4.1 matrix: allowed in a defaults section only when it is named. */
  namedDefaultsOnly?: boolean;
  /**
   * Sample fetches and converters: the argument mask of their keyword list entry (`ARGn(mandatory, types...)`), per
   * group of versions with the same mask. Types are HAProxy's ARGT_* names without the prefix (SINT, STR, BE, SRV,
   * TAB, ...). Absent for a version: not known, not checked.
   */
  argMasks?: { versions: string[]; mandatory: number; types: string[] }[];
  /**
   * Section keywords: the argument shape measured with the binary of each version that has one (2.6, 3.0, 3.2), by
   * scripts/schema/haproxy-probe-shapes.mjs.
   */
  shapes?: Record<string, KeywordShape>;
  /** Bind and server options that take a value: whether it is required and its type, per measured version. */
  optionShapes?: Record<string, { needsValue: boolean; value: ShapeArgument }>;
  /** Rule actions of a fixed shape: how many words they take, per version measured with its binary. */
  arity?: Record<string, number>;
  /** Deprecated in some versions: the first version where it is deprecated and what replaces it. */
  deprecated?: { since: string; replacement?: string };
}

/** The arguments of a keyword as its parser reads them (measured with the binary). */
export interface KeywordShape {
  /** The fewest words after the keyword it accepts. */
  min: number;
  /** The most words it accepts before refusing one as too many; null when that was not measured. */
  max: number | null;
  args: ShapeArgument[];
}

export type ShapeArgument =
  | { literal: string }
  | { type: "word" | "unknown" | "size" }
  | { type: "int"; negative: boolean; zero: boolean }
  | { type: "time"; overflowMs: boolean }
  | { type: "enum"; values: string[]; closed?: string[]; optional?: boolean };

export interface KeywordTableSource {
  version: string;
  /** Upstream ref (tag or commit) and file(s) it was generated from. */
  ref: string;
  files: string[];
}

/** HAProxy table: haproxy.json */
export interface HaproxySchema {
  language: "haproxy";
  generatedBy: string;
  /** Versions this table describes, oldest first, e.g. ["2.6", "2.8", "3.0", "3.2", "3.4"]. */
  versions: string[];
  sources: KeywordTableSource[];
  /** Section keywords (global, defaults, frontend, ...). */
  sections: Record<string, { versions: string[]; description: string }>;
  /** Keywords valid per section name. */
  keywords: Record<string, KeywordSpec[]>;
  /** Keywords of `bind` lines (after the address). */
  bindOptions: KeywordSpec[];
  /** Keywords of `server` / `default-server` lines (after the address). */
  serverOptions: KeywordSpec[];
  /** The words of a crt-store `load` line, each followed by its value (ckch_conf_kws[] of src/ssl_ckch.c). */
  crtStoreLoadOptions: KeywordSpec[];
  /** The sources a `trace <source>` line of a traces section names (3.2 on; measured on the binaries). */
  traceSources: KeywordSpec[];
  /** Sample fetch method names (without arguments). */
  fetches: KeywordSpec[];
  /** Converter names (without arguments). */
  converters: KeywordSpec[];
  /**
   * Action keywords per rule set: "http-request", "http-response", "http-after-response",
   * "tcp-request connection", "tcp-request session", "tcp-request content", "tcp-response content",
   * "http-check", "tcp-check" and "quic-initial" (3.2+). A rule set missing from the table (or a
   * version missing from its entries' `versions`) has no actions in that version.
   * `args` normally shows what follows the action word ("<name> <fmt>"). Keywords the parser
   * matches as a prefix are stored bare and their `args` starts with the name, showing the
   * written form: "set-var" / "set-var(<var-name>[,<cond>...]) <expr>", "track-sc" /
   * "track-sc<n> <key> [table <table>]", "sc-inc-gpc0" / "sc-inc-gpc0(<sc-id>)", and "lua." /
   * "lua.<action-name> ..." for the actions a Lua script registers at run time. A written word
   * matches such an entry when it starts with the name.
   */
  actions?: Record<string, KeywordSpec[]>;
}

/** keepalived table: keepalived.json */
export interface KeepalivedBlockSpec {
  /**
   * "keywords": every line starts with a keyword; "list": lines are values (virtual_ipaddress, unicast_peer,
   * track_script ...).
   */
  kind: "keywords" | "list";
  description: string;
  keywords: KeywordSpec[];
}

export interface KeepalivedSchema {
  language: "keepalived";
  generatedBy: string;
  versions: string[];
  sources: KeywordTableSource[];
  /** Block id -> block. "root" is the top level of the file. Ids of nested blocks are "parent/child" paths. */
  blocks: Record<string, KeepalivedBlockSpec>;
}
