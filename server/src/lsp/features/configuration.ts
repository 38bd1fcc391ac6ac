/** Settings: the `ha-lint.*` section the client sends (at initialize, pulled, or pushed on change). */
import { DidChangeConfigurationNotification } from "vscode-languageserver";
import type { RuleSetting } from "../../config/config-schema.js";
import type { EditorSettings } from "../workspace-analysis.js";
import type { Feature } from "../server-context.js";
import type { DiagnosticsPublisher } from "./diagnostics.js";

const VERSION = /^\d+\.\d+(\.\d+)?$/;

export function settingsFrom(raw: unknown): EditorSettings {
  const given = (raw ?? {}) as { rules?: Record<string, string>; haproxyVersion?: string; keepalivedVersion?: string };
  const out: EditorSettings = {};
  if (typeof given.haproxyVersion === "string" && VERSION.test(given.haproxyVersion))
    out.haproxyVersion = given.haproxyVersion;
  if (typeof given.keepalivedVersion === "string" && VERSION.test(given.keepalivedVersion))
    out.keepalivedVersion = given.keepalivedVersion;
  if (given.rules && typeof given.rules === "object") {
    const rules: Record<string, RuleSetting> = {};
    for (const [id, value] of Object.entries(given.rules))
      if (["off", "info", "warning", "error"].includes(value)) rules[id] = value as RuleSetting;
    out.rules = rules;
  }
  return out;
}

export const configurationFeature = (publisher: DiagnosticsPublisher): Feature => ({
  register(ctx) {
    const { connection, analyzer } = ctx;
    const canPull = (): boolean => ctx.client.params?.capabilities.workspace?.configuration === true;
    const refresh = async (raw?: unknown): Promise<void> => {
      let value = raw;
      if (value === undefined && canPull()) value = await connection.workspace.getConfiguration("ha-lint");
      analyzer.setSettings(settingsFrom(value));
      publisher.run(() => analyzer.updateAll());
    };
    connection.onInitialized(() => {
      if (!canPull()) return;
      void connection.client
        .register(DidChangeConfigurationNotification.type, { section: "ha-lint" })
        .catch(() => undefined);
      void refresh();
    });
    connection.onDidChangeConfiguration((change) => {
      void refresh((change.settings as Record<string, unknown> | null | undefined)?.["ha-lint"]);
    });
  },
});
