/** keepalived's printf formats (from the value table) quoted in a message: each placeholder shown as '…'. */
export function quotedFormat(format: string): string {
  return format.replace(/%[-+ #0]*(\*|\d+)?(\.(\*|\d+))?(hh|h|ll|l|z|j|t|L)?[diouxXcsfgeEGpm]/g, "…");
}
