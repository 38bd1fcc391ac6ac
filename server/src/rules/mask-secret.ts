/** Secrets (auth_pass, stats auth passwords, userlist passwords) never appear in a message: only their length does. */
export function maskSecret(value: string): string {
  return `${"*".repeat(Math.min(value.length, 12))} (${value.length} character${value.length === 1 ? "" : "s"})`;
}

/** `user:password` -> `user:********`. */
export function maskCredentials(userPass: string): string {
  const colon = userPass.indexOf(":");
  return colon < 0 ? maskSecret(userPass) : `${userPass.slice(0, colon)}:${"*".repeat(8)}`;
}

const SECRET_VALUES: RegExp[] = [
  /(\bauth_pass\s+)("[^"]*"|\S+)/g,
  /(\bstats\s+auth\s+[^:\s]+:)(\S+)/g,
  /(\b(?:insecure-)?password\s+)(\S+)/g,
  /(\bauth_pass\s*=\s*)(\S+)/g,
];

/** A source line with its secret values replaced by as many '*' (so columns stay aligned). */
export function maskSecretsInLine(line: string): string {
  let out = line;
  for (const re of SECRET_VALUES)
    out = out.replace(re, (_m, head: string, value: string) => head + "*".repeat(value.length));
  return out;
}
