/**
 * The channel the language client writes its message trace to. vscode-languageclient 11 traces only while its trace
 * channel's log level is Trace, whatever `ha-lint.trace.server` says, and writes each line at that level: with the
 * setting alone (the ha-lint channel at its default level, Info) nothing appeared. This channel reports the Trace
 * level while the setting asks for a trace, and writes the trace into the ha-lint channel at Info, so that it shows
 * beside the server's own log. With the setting off it follows the ha-lint channel's own level.
 */
import * as vscode from "vscode";

const SETTING = "ha-lint.trace.server";

export function traceChannel(output: vscode.LogOutputChannel): vscode.LogOutputChannel & vscode.Disposable {
  const wanted = (): boolean => vscode.workspace.getConfiguration().get<string>(SETTING, "off") !== "off";
  const level = (): vscode.LogLevel => (wanted() ? vscode.LogLevel.Trace : output.logLevel);
  const levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  const subscriptions: vscode.Disposable[] = [
    levelChanged,
    output.onDidChangeLogLevel(() => levelChanged.fire(level())),
    // The client re-reads the setting when the level it is told changes.
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTING)) levelChanged.fire(level());
    }),
  ];
  return {
    name: output.name,
    get logLevel() {
      return level();
    },
    onDidChangeLogLevel: levelChanged.event,
    trace: (message, ...args) => (wanted() ? output.info(message, ...args) : output.trace(message, ...args)),
    debug: (message, ...args) => output.debug(message, ...args),
    info: (message, ...args) => output.info(message, ...args),
    warn: (message, ...args) => output.warn(message, ...args),
    error: (error, ...args) => output.error(error, ...args),
    append: (value) => output.append(value),
    appendLine: (value) => output.appendLine(value),
    replace: (value) => output.replace(value),
    clear: () => output.clear(),
    show: (columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean) => {
      if (typeof columnOrPreserveFocus === "number") output.show(columnOrPreserveFocus, preserveFocus);
      else output.show(columnOrPreserveFocus);
    },
    hide: () => output.hide(),
    dispose: () => subscriptions.forEach((subscription) => subscription.dispose()),
  };
}
