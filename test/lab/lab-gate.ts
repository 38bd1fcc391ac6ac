/** When the lab suites run: Linux, root, the commands they drive, and HA_LINT_LAB not 0 (which skips them). */
import { execFileSync } from "node:child_process";
import { findKeepalived } from "../../server/src/lab/keepalived-binary.js";

/** Whether `command` is on the PATH. */
export function hasCommand(command: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Root on Linux with every one of `commands`; HA_LINT_LAB=0 skips the suite on a machine that could run it. */
export function labCanRun(commands: readonly string[]): boolean {
  return (
    process.env.HA_LINT_LAB !== "0" &&
    process.platform === "linux" &&
    process.getuid?.() === 0 &&
    commands.every(hasCommand)
  );
}

/** The keepalived versions of HA_LINT_LAB_VERSIONS (default 2.2.7 and 2.3.4) this machine has; none when it cannot run. */
export function labVersions(canRun: boolean): string[] {
  const wanted = (process.env.HA_LINT_LAB_VERSIONS ?? "2.2.7,2.3.4").split(",").map((version) => version.trim());
  return canRun ? wanted.filter((version) => findKeepalived(version) !== undefined) : [];
}
