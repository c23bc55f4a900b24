// Text typed by a person (a message, an answer, minutes), one paragraph per non-empty line, escaped.

export const Paragraphs = (p: { text: string }) => (
  <>
    {p.text
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => (
        <p safe>{l}</p>
      ))}
  </>
);
