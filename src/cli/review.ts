// `gongkai review scan|mask [FILE]` (CONTRACT.md): pre-publication checks on UTF-8 text from a file or
// stdin. scan prints {"findings":[…]} with code-point offsets; mask prints the de-identified text and
// nothing else, so it can sit in a pipe. Both exit 0 when there are findings: finding them is success.
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { ALL_KINDS, type FindingKind, scanText } from "../domains/review/engine";
import { AppError } from "../platform/errors";
import { decodeUtf8 } from "../platform/files/text";
import { maskText, PII_KINDS, type PiiKind } from "../platform/pii";
import { readStdin, runCommand } from "./context";

const run = runCommand;

const collect = (value: string, previous: string[]) => [...previous, value];

async function readText(file: string | undefined): Promise<string> {
  if (!file || file === "-") return readStdin();
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new AppError(
      "file_unreadable",
      400,
      `无法读取文件 ${file}：${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
  return decodeUtf8(bytes, `文件 ${file} `); // invalid UTF-8 is refused, never replaced
}

/** One word a line; blank lines and lines starting with # are ignored. */
async function readWordList(file: string | undefined): Promise<string[] | undefined> {
  if (!file) return undefined;
  const text = await readText(file);
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

function parseKinds(raw: string | undefined, allowed: readonly string[]): FindingKind[] | undefined {
  if (!raw) return undefined;
  const kinds = raw
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  const unknown = kinds.filter((k) => !allowed.includes(k));
  if (unknown.length) {
    throw new AppError(
      "unknown_review_kind",
      400,
      `不支持的检查类型：${unknown.join("、")}`,
      unknown.map((k) => ({
        field: "kinds",
        code: "unknown_review_kind",
        message: `“${k}”不是检查类型；可选：${allowed.join(", ")}`,
      })),
    );
  }
  return kinds as FindingKind[];
}

interface CommonOptions {
  allowPhone: string[];
  allowEmail: string[];
}

export function registerReviewCommands(program: Command): void {
  const review = program
    .command("review")
    .description("pre-publication review (个人信息、涉密标识、表述规范)");

  review
    .command("scan")
    .description('checks text before publishing; prints {"findings":[…]} with code-point offsets')
    .argument("[file]", "UTF-8 text file (stdin when absent)")
    .option("--allow-phone <phone>", "an office number published on purpose (repeatable)", collect, [])
    .option("--allow-email <email>", "an office mailbox published on purpose (repeatable)", collect, [])
    .option("--sensitive-words <file>", "the site's sensitive words, one a line")
    .option("--kinds <list>", "only these kinds, comma-separated")
    .action(
      run(
        async (
          file: string | undefined,
          opts: CommonOptions & { sensitiveWords?: string; kinds?: string },
        ) => {
          const text = await readText(file);
          const findings = scanText(text, {
            allowPhones: opts.allowPhone,
            allowEmails: opts.allowEmail,
            sensitiveWords: await readWordList(opts.sensitiveWords),
            kinds: parseKinds(opts.kinds, ALL_KINDS),
          });
          process.stdout.write(`${JSON.stringify({ findings })}\n`);
        },
      ),
    );

  review
    .command("mask")
    .description("prints the text with personal information de-identified")
    .argument("[file]", "UTF-8 text file (stdin when absent)")
    .option("--allow-phone <phone>", "an office number published on purpose (repeatable)", collect, [])
    .option("--allow-email <email>", "an office mailbox published on purpose (repeatable)", collect, [])
    .option("--kinds <list>", `kinds to mask, comma-separated (default: those reported as errors)`)
    .option("--all", "mask every kind of personal information, names, addresses and plates included")
    .action(
      run(async (file: string | undefined, opts: CommonOptions & { kinds?: string; all?: boolean }) => {
        const text = await readText(file);
        const chosen = parseKinds(opts.kinds, PII_KINDS) as PiiKind[] | undefined;
        const masked = maskText(text, {
          allowPhones: opts.allowPhone,
          allowEmails: opts.allowEmail,
          maskKinds: opts.all ? PII_KINDS.filter((k) => k !== "id_card_invalid") : chosen,
        });
        // The masked text only: no newline is added, so `mask` round-trips files byte for byte.
        process.stdout.write(masked.text);
      }),
    );
}
