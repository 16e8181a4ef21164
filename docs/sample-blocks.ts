/** How a fenced block is checked: the `test=` value of its info string. */
export const sampleKinds = [
  "curl",
  "cli",
  "sdk",
  "monitors",
  "prometheus-config",
  "parse",
  "shape",
  "npm-scripts",
] as const;

export type SampleKind = (typeof sampleKinds)[number];

/** One fenced code block of a Markdown file. */
export interface CodeBlock {
  /** 1-based line of the opening fence. */
  line: number;
  /** The info string after the fence, e.g. `ts test=sdk prelude=placeholders`. */
  info: string;
  code: string;
}

/** A block marked `<lang> test=<kind> [name=value | flag]...`. */
export interface Sample {
  file: string;
  line: number;
  kind: SampleKind;
  code: string;
  /** The other words of the info string: `prelude=x` gives `{ prelude: "x" }`, a bare `continues` gives `""`. */
  attributes: Record<string, string>;
}

/**
 * Every fenced block (``` or ~~~, indented up to 3 spaces) of a Markdown text, in order.
 *
 * @example
 * codeBlocks("```sh test=curl\ncurl -s x\n```\n"); // [{ line: 1, info: "sh test=curl", code: "curl -s x\n" }]
 */
export function codeBlocks(text: string): CodeBlock[] {
  const lines = text.split("\n");
  const blocks: CodeBlock[] = [];
  let open: { line: number; fence: string; info: string; body: string[] } | undefined;
  for (const [index, line] of lines.entries()) {
    if (open === undefined) {
      const start = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
      if (start)
        open = { line: index + 1, fence: start[1] ?? "```", info: (start[2] ?? "").trim(), body: [] };
    } else if (line.trim().startsWith(open.fence) && line.trim().replace(/[`~]/g, "") === "") {
      blocks.push({ line: open.line, info: open.info, code: open.body.map((l) => `${l}\n`).join("") });
      open = undefined;
    } else {
      open.body.push(line);
    }
  }
  if (open !== undefined) throw new Error(`the code block at line ${open.line} is never closed`);
  return blocks;
}

/**
 * Why a block is neither a tested sample nor plain text, or undefined when it is fine: every block must be
 * `text` (output, diagrams, illustrations) or carry a known `test=` kind.
 *
 * @example
 * unmarkedReason({ line: 3, info: "sh", code: "" }); // "info string 'sh' has no test=<kind> and is not 'text'"
 */
export function unmarkedReason(block: CodeBlock): string | undefined {
  if (block.info === "text") return undefined;
  const kind = /(?:^|\s)test=(\S+)/.exec(block.info)?.[1];
  if (kind === undefined) return `info string '${block.info}' has no test=<kind> and is not 'text'`;
  if (!(sampleKinds as readonly string[]).includes(kind)) return `unknown test kind '${kind}'`;
  return undefined;
}

/**
 * The tested samples of a Markdown file, in order. A `ts test=sdk continues` block is joined to the sdk
 * sample before it, so that later blocks of a guide can use what earlier ones declared; they run as one.
 *
 * @example
 * samplesOf("docs/sdk.md", text).map((s) => `${s.kind}@${s.line}`); // ["sdk@16", "sdk@174", ...]
 */
export function samplesOf(file: string, text: string): Sample[] {
  const samples: Sample[] = [];
  for (const block of codeBlocks(text)) {
    const [, ...words] = block.info.split(/\s+/);
    const attributes: Record<string, string> = {};
    for (const word of words) {
      const eq = word.indexOf("=");
      if (eq < 0) attributes[word] = "";
      else attributes[word.slice(0, eq)] = word.slice(eq + 1);
    }
    const kind = attributes.test;
    if (kind === undefined || !(sampleKinds as readonly string[]).includes(kind)) continue;
    delete attributes.test;
    if ("continues" in attributes) {
      const previous = samples.at(-1);
      if (previous === undefined || previous.kind !== kind)
        throw new Error(`${file}:${block.line}: 'continues' needs a ${kind} sample just before it`);
      previous.code += `\n// ${file}:${block.line}\n${block.code}`;
      continue;
    }
    samples.push({ file, line: block.line, kind: kind as SampleKind, code: block.code, attributes });
  }
  return samples;
}
