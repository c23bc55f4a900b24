// A PDF content-stream tokenizer, enough to find and rewrite the text-showing operators (Tj, TJ, ', ")
// while every other operation keeps its exact bytes. Works on a latin1 string: one char per byte.

export type Operand =
  | { t: "num"; v: number }
  | { t: "str"; bytes: string; hex: boolean }
  | { t: "name"; v: string }
  | { t: "arr"; items: Operand[] }
  | { t: "raw"; v: string };

export interface Operation {
  op: string;
  operands: Operand[];
  /** Byte offsets of the whole operation (operands and operator) in the stream. */
  start: number;
  end: number;
}

const WS = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set("()<>[]{}/%".split("").map((c) => c.charCodeAt(0)));

export class ContentSyntaxError extends Error {}

/** The operations of a content stream, in order; inline images (BI … ID … EI) come as one `BI` operation. */
export function tokenizeContent(s: string): Operation[] {
  const ops: Operation[] = [];
  let i = 0;
  let operands: Operand[] = [];
  let opStart = -1;
  const stack: Operand[][] = [];

  const skipWs = () => {
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (WS.has(c)) i++;
      else if (c === 0x25) while (i < s.length && s[i] !== "\n" && s[i] !== "\r") i++;
      else break;
    }
  };
  const push = (o: Operand) => {
    const top = stack[stack.length - 1];
    if (top) top.push(o);
    else operands.push(o);
  };

  for (;;) {
    skipWs();
    if (i >= s.length) break;
    if (opStart < 0 && stack.length === 0) opStart = i;
    const c = s[i]!;
    if (c === "(") {
      const lit = readLiteral(s, i);
      i = lit.end;
      push({ t: "str", bytes: lit.value, hex: false });
    } else if (c === "<" && s[i + 1] === "<") {
      // A dictionary operand (marked content properties, inline image parameters): kept as raw text.
      let depth = 0;
      const start = i;
      while (i < s.length) {
        if (s.startsWith("<<", i)) {
          depth++;
          i += 2;
        } else if (s.startsWith(">>", i)) {
          depth--;
          i += 2;
          if (depth === 0) break;
        } else if (s[i] === "(") i = readLiteral(s, i).end;
        else i++;
      }
      push({ t: "raw", v: s.slice(start, i) });
    } else if (c === "<") {
      const end = s.indexOf(">", i);
      if (end < 0) throw new ContentSyntaxError("unterminated hex string");
      let hex = s.slice(i + 1, end).replace(/\s+/g, "");
      if (hex.length % 2) hex += "0";
      push({ t: "str", bytes: Buffer.from(hex, "hex").toString("latin1"), hex: true });
      i = end + 1;
    } else if (c === "[") {
      stack.push([]);
      i++;
    } else if (c === "]") {
      const items = stack.pop();
      if (!items) throw new ContentSyntaxError("unbalanced ]");
      push({ t: "arr", items });
      i++;
    } else if (c === "/") {
      let j = i + 1;
      while (j < s.length && !WS.has(s.charCodeAt(j)) && !DELIM.has(s.charCodeAt(j))) j++;
      push({ t: "name", v: s.slice(i + 1, j) });
      i = j;
    } else {
      let j = i;
      while (j < s.length && !WS.has(s.charCodeAt(j)) && !DELIM.has(s.charCodeAt(j))) j++;
      if (j === i) throw new ContentSyntaxError(`unexpected ${c}`);
      const word = s.slice(i, j);
      i = j;
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
        push({ t: "num", v: Number(word) });
        continue;
      }
      if (word === "true" || word === "false" || word === "null") {
        push({ t: "raw", v: word });
        continue;
      }
      if (stack.length) throw new ContentSyntaxError("operator inside an array");
      if (word === "BI") {
        // Inline image: parameters, ID, one whitespace byte, binary data, then EI followed by whitespace.
        const id = s.indexOf("ID", i);
        if (id < 0) throw new ContentSyntaxError("inline image without ID");
        let k = id + 3;
        for (;;) {
          const ei = s.indexOf("EI", k);
          if (ei < 0) throw new ContentSyntaxError("inline image without EI");
          const before = s.charCodeAt(ei - 1);
          const after = ei + 2 >= s.length ? 0x20 : s.charCodeAt(ei + 2);
          if (WS.has(before) && WS.has(after)) {
            i = ei + 2;
            break;
          }
          k = ei + 2;
        }
      }
      ops.push({ op: word, operands, start: opStart, end: i });
      operands = [];
      opStart = -1;
    }
  }
  return ops;
}

/** A literal string `( … )` starting at `i`: its bytes with escapes resolved, and where it ends. */
function readLiteral(s: string, i: number): { value: string; end: number } {
  let depth = 0;
  let out = "";
  let j = i;
  while (j < s.length) {
    const c = s[j]!;
    if (c === "\\") {
      const n = s[j + 1];
      j += 2;
      if (n === undefined) break;
      if (n === "n") out += "\n";
      else if (n === "r") out += "\r";
      else if (n === "t") out += "\t";
      else if (n === "b") out += "\b";
      else if (n === "f") out += "\f";
      else if (n === "\r") {
        if (s[j] === "\n") j++;
      } else if (n === "\n") {
        // line continuation
      } else if (/[0-7]/.test(n)) {
        let oct = n;
        while (oct.length < 3 && /[0-7]/.test(s[j] ?? "")) oct += s[j++];
        out += String.fromCharCode(Number.parseInt(oct, 8) & 0xff);
      } else out += n;
      continue;
    }
    if (c === "(") {
      depth++;
      if (depth > 1) out += c;
    } else if (c === ")") {
      depth--;
      if (depth === 0) return { value: out, end: j + 1 };
      out += c;
    } else out += c;
    j++;
  }
  throw new ContentSyntaxError("unterminated string");
}

/** An operand written back as content-stream syntax. */
export function writeOperand(o: Operand): string {
  switch (o.t) {
    case "num":
      return Number.isInteger(o.v) ? String(o.v) : o.v.toFixed(4).replace(/\.?0+$/, "");
    case "str":
      return `<${Buffer.from(o.bytes, "latin1").toString("hex")}>`;
    case "name":
      return `/${o.v}`;
    case "arr":
      return `[${o.items.map(writeOperand).join(" ")}]`;
    case "raw":
      return o.v;
  }
}
