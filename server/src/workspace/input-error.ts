/** A problem with what the user asked to analyse (a missing path, a bad config file): the CLI exits 2 on it. */
export class InputError extends Error {}
