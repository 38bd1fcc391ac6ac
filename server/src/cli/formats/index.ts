/** Report formats by name. */
import { formatCheckstyle } from "./checkstyle.js";
import { formatGithub } from "./github.js";
import { formatGitlab } from "./gitlab.js";
import { formatJson } from "./json.js";
import { formatJunit } from "./junit.js";
import type { ReportInput } from "./report-input.js";
import { formatSarif } from "./sarif.js";
import { formatText } from "./text.js";

export const FORMATS = {
  text: formatText,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  junit: formatJunit,
  checkstyle: formatCheckstyle,
  gitlab: formatGitlab,
} as const satisfies Record<string, (input: ReportInput) => string>;

export type FormatName = keyof typeof FORMATS;

export function isFormat(name: string): name is FormatName {
  return Object.prototype.hasOwnProperty.call(FORMATS, name);
}
