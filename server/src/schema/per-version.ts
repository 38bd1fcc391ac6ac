/** A lookup built once per target version and kept: the keyword tables of each version the analysis asks for. */
export function perVersion<T>(build: (version: string) => T): (version: string) => T {
  const built = new Map<string, T>();
  return (version) => {
    let found = built.get(version);
    if (found === undefined) {
      found = build(version);
      built.set(version, found);
    }
    return found;
  };
}
