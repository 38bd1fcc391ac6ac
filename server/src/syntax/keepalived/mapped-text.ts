/**
 * Text whose every character remembers where it came from in a source file.
 * keepalived rewrites lines before tokenising them (comments, `@ID`, `$NAME`, `~SEQ`, the split at braces); keeping
 * a per-character origin lets the syntax tree point at what was written while holding what keepalived uses.
 * A slice is a view on the same origin arrays, so splitting a long line piece by piece stays linear. Text read as
 * written (fromSource(), by far the most of a file) has no arrays: character i of it is source offset `offset + i`.
 */
export class MappedText {
  private constructor(
    readonly text: string,
    /** Source offset where each character starts, from `offset` on (undefined: offset + i). */
    private readonly startArray: readonly number[] | undefined,
    /**
     * Source offset where each character ends (for an expanded character: the end of the `$NAME` that produced it;
     * undefined: offset + i + 1).
     */
    private readonly endArray: readonly number[] | undefined,
    private readonly offset: number,
  ) {}

  static of(text: string, starts: readonly number[], ends: readonly number[]): MappedText {
    return new MappedText(text, starts, ends, 0);
  }

  static fromSource(text: string, offset: number): MappedText {
    return new MappedText(text, undefined, undefined, offset);
  }

  /** Text produced by an expansion: every character maps to the span of the reference. */
  static synthetic(text: string, start: number, end: number): MappedText {
    return new MappedText(
      text,
      new Array<number>(text.length).fill(start),
      new Array<number>(text.length).fill(end),
      0,
    );
  }

  get length(): number {
    return this.text.length;
  }

  /** Source offset where character `i` starts. */
  startOf(i: number): number {
    return this.startArray ? this.startArray[this.offset + i] : this.offset + i;
  }

  /** Source offset where character `i` ends. */
  endOf(i: number): number {
    return this.endArray ? this.endArray[this.offset + i] : this.offset + i + 1;
  }

  /** Whether every character of [from, to) stands for one source character (none came from an expansion). */
  isVerbatim(from: number, to: number): boolean {
    if (!this.startArray && !this.endArray) return true;
    for (let i = from; i < to; i++) if (this.endOf(i) - this.startOf(i) !== 1) return false;
    return true;
  }

  slice(from: number, to = this.text.length): MappedText {
    const a = Math.max(0, Math.min(from, this.text.length));
    const b = Math.max(a, Math.min(to, this.text.length));
    return new MappedText(this.text.slice(a, b), this.startArray, this.endArray, this.offset + a);
  }

  concat(...others: MappedText[]): MappedText {
    let text = this.text;
    const starts: number[] = [];
    const ends: number[] = [];
    for (const part of [this, ...others]) {
      if (part !== this) text += part.text;
      for (let i = 0; i < part.length; i++) {
        starts.push(part.startOf(i));
        ends.push(part.endOf(i));
      }
    }
    return new MappedText(text, starts, ends, 0);
  }

  /** Remove the characters at the given indexes (sorted ascending). */
  without(indexes: number[]): MappedText {
    if (indexes.length === 0) return this;
    const drop = new Set(indexes);
    let text = "";
    const starts: number[] = [];
    const ends: number[] = [];
    for (let i = 0; i < this.text.length; i++) {
      if (drop.has(i)) continue;
      text += this.text[i];
      starts.push(this.startOf(i));
      ends.push(this.endOf(i));
    }
    return new MappedText(text, starts, ends, 0);
  }

  trimStart(): MappedText {
    let i = 0;
    while (i < this.text.length && (this.text[i] === " " || this.text[i] === "\t")) i++;
    return i === 0 ? this : this.slice(i);
  }

  trimEnd(): MappedText {
    let i = this.text.length;
    while (i > 0 && (this.text[i - 1] === " " || this.text[i - 1] === "\t")) i--;
    return i === this.text.length ? this : this.slice(0, i);
  }

  /** Source span covered by characters [from, to). */
  spanOf(from: number, to: number): { start: number; end: number } {
    if (this.text.length === 0) return { start: 0, end: 0 };
    const a = Math.min(Math.max(from, 0), this.text.length - 1);
    const b = Math.min(Math.max(to - 1, a), this.text.length - 1);
    if (!this.startArray && !this.endArray) return { start: this.offset + a, end: this.offset + b + 1 };
    let start = this.startOf(a);
    let end = this.endOf(b);
    for (let i = a; i <= b; i++) {
      if (this.startOf(i) < start) start = this.startOf(i);
      if (this.endOf(i) > end) end = this.endOf(i);
    }
    return { start, end };
  }
}
