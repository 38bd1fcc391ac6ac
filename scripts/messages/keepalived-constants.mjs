// Integer constant expressions of keepalived's sources (`VRRP_PRIO_OWNER`, `255 * TIMER_HZ`, `ULONG_MAX - 1`,
// `(unsigned)-1`), evaluated with the #define values of the tree and the x86-64 Linux limits. Node builtins only.

const LIMITS = {
  CHAR_BIT: 8n,
  INT_MAX: 2147483647n,
  INT_MIN: -2147483648n,
  UINT_MAX: 4294967295n,
  LONG_MAX: 9223372036854775807n,
  LONG_MIN: -9223372036854775808n,
  ULONG_MAX: 18446744073709551615n,
  LLONG_MAX: 9223372036854775807n,
  ULLONG_MAX: 18446744073709551615n,
  INT8_MAX: 127n,
  INT16_MAX: 32767n,
  INT32_MAX: 2147483647n,
  INT32_MIN: -2147483648n,
  INT64_MAX: 9223372036854775807n,
  UINT8_MAX: 255n,
  UINT16_MAX: 65535n,
  UINT32_MAX: 4294967295n,
  UINT64_MAX: 18446744073709551615n,
  SIZE_MAX: 18446744073709551615n,
  USHRT_MAX: 65535n,
  UCHAR_MAX: 255n,
  IFNAMSIZ: 16n,
  IPPROTO_MAX: 263n,
  true: 1n,
  false: 0n,
};

const CAST_BITS = {
  unsigned: [32, false],
  "unsigned int": [32, false],
  int: [32, true],
  long: [64, true],
  "unsigned long": [64, false],
  uint8_t: [8, false],
  uint16_t: [16, false],
  uint32_t: [32, false],
  uint64_t: [64, false],
  int32_t: [32, true],
  size_t: [64, false],
  time_t: [64, true],
};

function wrap(value, [bits, signed]) {
  const mod = 1n << BigInt(bits);
  let v = ((value % mod) + mod) % mod;
  if (signed && v >= mod >> 1n) v -= mod;
  return v;
}

/** Evaluates a C integer constant expression; undefined when it names something that is not a constant. */
export function evaluate(expression, defines, depth = 0) {
  if (depth > 12) return undefined;
  const tokens = expression.match(/0[xX][0-9a-fA-F]+[uUlL]*|\d+[uUlL]*|[A-Za-z_]\w*|<<|>>|[-+*/%()|&~]/g);
  if (!tokens || tokens.join("").length < expression.replace(/\s+/g, "").length) return undefined;
  let pos = 0;
  const peek = () => tokens[pos];
  const castAt = () => {
    // `(unsigned)`, `(uint32_t)`, `(unsigned long)` followed by an operand
    if (peek() !== "(") return undefined;
    let end = pos + 1;
    const words = [];
    while (end < tokens.length && /^[A-Za-z_]\w*$/.test(tokens[end])) words.push(tokens[end++]);
    if (tokens[end] !== ")" || !words.length) return undefined;
    const type = words.join(" ");
    if (!CAST_BITS[type]) return undefined;
    pos = end + 1;
    return CAST_BITS[type];
  };
  const unary = () => {
    const token = peek();
    if (token === "-") {
      pos++;
      return -unary();
    }
    if (token === "+") {
      pos++;
      return unary();
    }
    if (token === "~") {
      pos++;
      return ~unary();
    }
    const cast = castAt();
    if (cast) return wrap(unary(), cast);
    if (token === "(") {
      pos++;
      const value = bitwiseOr();
      if (tokens[pos++] !== ")") throw new Error("unbalanced");
      return value;
    }
    pos++;
    if (token === undefined) throw new Error("end");
    if (/^\d|^0[xX]/.test(token)) return BigInt(token.replace(/[uUlL]+$/, ""));
    if (LIMITS[token] !== undefined) return LIMITS[token];
    const defined = defines.get(token);
    if (defined === undefined) throw new Error(`unknown ${token}`);
    const value = evaluate(defined, defines, depth + 1);
    if (value === undefined) throw new Error(`not constant ${token}`);
    return BigInt(value);
  };
  const binary = (next, ops) => () => {
    let left = next();
    while (ops.includes(peek())) {
      const op = tokens[pos++];
      const right = next();
      if (op === "*") left *= right;
      else if (op === "/") left = right === 0n ? 0n : left / right;
      else if (op === "%") left = right === 0n ? 0n : left % right;
      else if (op === "+") left += right;
      else if (op === "-") left -= right;
      else if (op === "<<") left <<= right;
      else if (op === ">>") left >>= right;
      else if (op === "&") left &= right;
      else if (op === "|") left |= right;
    }
    return left;
  };
  const multiplicative = binary(unary, ["*", "/", "%"]);
  const sum = binary(multiplicative, ["+", "-"]);
  const shift = binary(sum, ["<<", ">>"]);
  const and = binary(shift, ["&"]);
  const bitwiseOr = binary(and, ["|"]);
  try {
    const value = bitwiseOr();
    if (pos !== tokens.length) return undefined;
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  } catch {
    return undefined;
  }
}
