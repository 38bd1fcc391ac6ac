/**
 * Text whose every character remembers where it came from in a source file.
 * keepalived rewrites lines before tokenising them (comments, `@ID`, `$NAME`, `~SEQ`); keeping a
 * per-character origin lets the syntax tree point at what was written while holding what keepalived uses.
 */
export class MappedText {
  constructor(
    readonly text: string,
    /** Source offset where each character starts. */
    readonly starts: readonly number[],
    /** Source offset where each character ends (for an expanded character: the end of the `$NAME` that produced it). */
    readonly ends: readonly number[],
  ) {}

  static fromSource(text: string, offset: number): MappedText {
    const starts = new Array<number>(text.length);
    const ends = new Array<number>(text.length);
    for (let i = 0; i < text.length; i++) {
      starts[i] = offset + i;
      ends[i] = offset + i + 1;
    }
    return new MappedText(text, starts, ends);
  }

  /** Text produced by an expansion: every character maps to the span of the reference. */
  static synthetic(text: string, start: number, end: number): MappedText {
    return new MappedText(text, new Array<number>(text.length).fill(start), new Array<number>(text.length).fill(end));
  }

  get length(): number {
    return this.text.length;
  }

  slice(from: number, to = this.text.length): MappedText {
    return new MappedText(this.text.slice(from, to), this.starts.slice(from, to), this.ends.slice(from, to));
  }

  concat(...others: MappedText[]): MappedText {
    let text = this.text;
    const starts = this.starts.slice();
    const ends = this.ends.slice();
    for (const o of others) {
      text += o.text;
      for (let i = 0; i < o.length; i++) {
        starts.push(o.starts[i]);
        ends.push(o.ends[i]);
      }
    }
    return new MappedText(text, starts, ends);
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
      starts.push(this.starts[i]);
      ends.push(this.ends[i]);
    }
    return new MappedText(text, starts, ends);
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
    let start = this.starts[a];
    let end = this.ends[b];
    for (let i = a; i <= b; i++) {
      if (this.starts[i] < start) start = this.starts[i];
      if (this.ends[i] > end) end = this.ends[i];
    }
    return { start, end };
  }
}
