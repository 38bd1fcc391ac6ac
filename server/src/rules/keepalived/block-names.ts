/**
 * How a keepalived block id reads in a message: "root" is the top level, "vrrp_instance/authentication" is
 * "authentication (in vrrp_instance)".
 */
export function blockLabel(id: string): string {
  if (id === "root") return "the top level";
  const parts = id.split("/");
  return parts.length === 1 ? `'${parts[0]}'` : `'${parts[parts.length - 1]}' (in ${parts.slice(0, -1).join(" > ")})`;
}
