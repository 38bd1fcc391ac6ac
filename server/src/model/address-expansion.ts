/**
 * Environment variables in addresses, as HAProxy 2.6 reads them. parse_line() (src/tools.c) expands `$NAME`,
 * `${NAME}`, `${NAME-default}` and `"${NAME[*]}"` only inside double quotes. Then str2sa_range() runs env_expand()
 * on every address word (bind, server, source, log, peer, nameserver, mailer, dispatch ... addresses), whatever its
 * quoting: `$NAME` and `${NAME}` are expanded there too, an unset variable gives nothing, and env_expand() knows no
 * `-default` (the rest of `${NAME-default}` stays in the address as written).
 */
export interface ExpandedAddress {
  /** The address as str2sa_range() parses it, with the variables the analysis has no value for left unset. */
  text: string;
  /** Variables env_expand() found that the analysis has no value for, in order (deduplicated). */
  unknown: string[];
}

const NAME_CHAR = /[A-Za-z0-9_]/;

/** env_expand(): `$` then an optional `{`, a run of letters, digits and `_`, and the `}` if there was a `{`. */
export function expandAddressVariables(text: string, env: Readonly<Record<string, string>> = {}): ExpandedAddress {
  let out = "";
  const unknown: string[] = [];
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf("$", i);
    if (dollar < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, dollar);
    let start = dollar + 1;
    const brace = text[start] === "{";
    if (brace) start++;
    let end = start;
    while (end < text.length && NAME_CHAR.test(text[end])) end++;
    const name = text.slice(start, end);
    i = brace && text[end] === "}" ? end + 1 : end;
    // getenv("") finds nothing either: a lone `$` disappears.
    if (name !== "" && Object.prototype.hasOwnProperty.call(env, name)) out += env[name];
    else if (name !== "" && !unknown.includes(name)) unknown.push(name);
  }
  return { text: out, unknown };
}
