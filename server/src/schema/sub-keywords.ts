/**
 * Keywords whose first argument is itself a keyword the keyword matrix does not list, with the version that
 * introduced each one. `compression`: read from parse_compression_options() in src/flt_http_comp.c at the tags
 * v2.6.0, v2.8.0, v3.0.0, v3.2.0 and v3.4.0.
 */
import { compareVersions } from "../syntax/haproxy/condition.js";

const SUB_KEYWORDS: Record<string, Record<string, string>> = {
  compression: {
    algo: "2.6",
    type: "2.6",
    offload: "2.6",
    "algo-req": "2.8",
    "algo-res": "2.8",
    "type-req": "2.8",
    "type-res": "2.8",
    direction: "2.8",
    "minsize-req": "3.2",
    "minsize-res": "3.2",
  },
};

export interface SubKeywordCheck {
  known: boolean;
  since?: string;
  valid: string[];
}

/** Whether `sub` is a valid first argument of `keyword` in `version`; undefined when the keyword has no such list. */
export function checkSubKeyword(keyword: string, sub: string, version: string): SubKeywordCheck | undefined {
  const table = SUB_KEYWORDS[keyword];
  if (!table) return undefined;
  const valid = Object.entries(table)
    .filter(([, since]) => compareVersions(version, since) >= 0)
    .map(([name]) => name);
  const since = table[sub];
  if (since !== undefined && compareVersions(version, since) >= 0) return { known: true, valid };
  return { known: false, since, valid };
}
