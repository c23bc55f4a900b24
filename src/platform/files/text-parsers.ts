import { parseNoticeProse } from "../calendar/notice-prose";
import { parseFeedSafely } from "./rss";

// Parsers of untrusted text files (an uploaded .txt), run in the file worker like every other untrusted file:
// the worker decodes the bytes as strict UTF-8 and hands the text to the parser named in the job. Each parser
// is a pure function of the text whose result can be posted between threads (plain data, no classes).
export const TEXT_PARSERS = {
  /** The State Council's holiday notice as published (platform/calendar/notice-prose.ts). */
  "calendar-notice": parseNoticeProse,
  /** An RSS or Atom feed as entries (rss.ts): the opinion domain's news stream. */
  "rss-feed": parseFeedSafely,
} as const;

export type TextParserName = keyof typeof TEXT_PARSERS;
export type TextParsed<N extends TextParserName> = ReturnType<(typeof TEXT_PARSERS)[N]>;
