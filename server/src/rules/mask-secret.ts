/** Secrets (auth_pass, stats auth passwords, userlist passwords) never appear in a message: only their length does. */
export function maskSecret(value: string): string {
  return `${"*".repeat(Math.min(value.length, 12))} (${value.length} character${value.length === 1 ? "" : "s"})`;
}

/** `user:password` -> `user:********`. */
export function maskCredentials(userPass: string): string {
  const colon = userPass.indexOf(":");
  return colon < 0 ? maskSecret(userPass) : `${userPass.slice(0, colon)}:${"*".repeat(8)}`;
}
