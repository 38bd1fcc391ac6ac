/** Where a rule's documentation page lives, relative to the package root (pages are generated into docs/rules/). */
export function docsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}
