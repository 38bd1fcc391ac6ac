/**
 * HAProxy's own environment variables (HAPROXY_*), per version: which ones a version sets while it reads the
 * configuration, and how the reader expands one the version sets nowhere (to nothing; from 2.9 parse_line() also
 * skips the closing quote and the blanks after it, so the next word continues the word). Each expectation was
 * checked with the real binaries (haproxy -c 2.6.12, 3.0.11, 3.2.26: `.notice`, `maxconn "${UNSET}" 5`).
 */
import { describe, expect, test } from "vitest";
import { haproxyOwnVariable } from "../../server/src/schema/haproxy-own-variable-state.js";
import { parseHaproxy } from "../../server/src/syntax/haproxy/parse.js";

const globalArgs = (line: string, haproxyVersion: string): string[] => {
  const doc = parseHaproxy("haproxy.cfg", `global\n    ${line}\n`, { haproxyVersion });
  return doc.sections[0].lines[0].args.map((word) => word.value);
};

describe("the variables each version sets", () => {
  test.each([
    ["HAPROXY_HTTP_LOG_FMT", "2.6.12", "unset"],
    ["HAPROXY_HTTP_LOG_FMT", "3.0.11", "set"],
    ["HAPROXY_HTTP_CLF_LOG_FMT", "3.0.11", "unset"],
    ["HAPROXY_HTTP_CLF_LOG_FMT", "3.2.26", "set"],
    ["HAPROXY_KEYLOG_FC_LOG_FMT", "3.2.26", "unset"],
    ["HAPROXY_KEYLOG_FC_LOG_FMT", "3.2", "unset"],
    ["HAPROXY_STARTUP_VERSION", "2.6.12", "set"],
    ["HAPROXY_STARTUP_VERSION", "2.6.0", "unset"],
    ["HAPROXY_LOCALPEER", "2.6.12", "set"],
  ])("%s on %s: %s", (name, version, state) => {
    expect(haproxyOwnVariable(name, version)?.state).toBe(state);
  });

  test.each([
    // 3.4 sets it, but no binary of 3.4 was asked whether it is set while reading
    ["HAPROXY_KEYLOG_FC_LOG_FMT", "3.4"],
    // backported into 2.6 between 2.6.0 and 2.6.12: a patch in between is not known
    ["HAPROXY_STARTUP_VERSION", "2.6.5"],
    // set only in master-worker mode or at run time
    ["HAPROXY_CLI", "3.2.26"],
    ["VIP", "3.2.26"],
  ])("%s on %s: not known", (name, version) => {
    expect(haproxyOwnVariable(name, version)).toBeUndefined();
  });

  test("the first release that sets a variable, with its place", () => {
    expect(haproxyOwnVariable("HAPROXY_KEYLOG_FC_LOG_FMT", "3.2.26")).toEqual({
      state: "unset",
      setFrom: { version: "3.4.0", place: "src/haproxy.c read_cfg()" },
    });
  });
});

describe("reading a variable the version does not set", () => {
  test("it expands to nothing", () => {
    expect(globalArgs('description "a${HAPROXY_KEYLOG_FC_LOG_FMT}b"', "3.2.26")).toEqual(["ab"]);
    expect(globalArgs('maxconn "${HAPROXY_HTTP_LOG_FMT}"', "2.6.12")).toEqual([""]);
  });

  test("from 2.9 the next word continues it; 2.6.12 keeps an empty word", () => {
    expect(globalArgs('maxconn "${HAPROXY_HTTP_CLF_LOG_FMT}" 5', "3.0.11")).toEqual(["5"]);
    expect(globalArgs('maxconn "1${HAPROXY_KEYLOG_BC_LOG_FMT}"   5 6', "3.2.26")).toEqual(["15", "6"]);
    expect(globalArgs('maxconn "${HAPROXY_HTTP_LOG_FMT}" 5', "2.6.12")).toEqual(["", "5"]);
  });

  test("a default, a value of the analysis or a set variable is read as before", () => {
    expect(globalArgs('maxconn "${HAPROXY_KEYLOG_FC_LOG_FMT-7}" 5', "3.2.26")).toEqual(["7", "5"]);
    const doc = parseHaproxy("haproxy.cfg", 'global\n    log-tag "${HAPROXY_BRANCH}" x\n', {
      haproxyVersion: "3.2.26",
    });
    const word = doc.sections[0].lines[0].args[0];
    expect([word.value, word.unsetValue]).toEqual(["${HAPROXY_BRANCH}", undefined]);
  });
});
