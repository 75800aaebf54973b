// The prompt a shot's takes are sent with: its prompt, then its camera note and dialogue line as lines
// of their own. Browser-safe and pure, so the composer's Payload view, the composer's Generate and the
// storyboard's Generate all send (and show) the same text.

export interface ShotNotes {
  cameraNote?: string;
  dialogue?: string;
}

/** Collapses a note to one line: a newline inside it would read as another instruction. */
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

/**
 * `prompt`, then "Camera: <note>" and `Dialogue: "<line>"` on lines of their own, each only when set.
 * Quotes around the dialogue are not doubled when the line already has them.
 */
export function shotPrompt(prompt: string, notes: ShotNotes): string {
  const camera = oneLine(notes.cameraNote ?? "");
  const dialogue = oneLine(notes.dialogue ?? "").replace(/^["“](.*)["”]$/, "$1");
  const lines = [...(camera ? [`Camera: ${camera}`] : []), ...(dialogue ? [`Dialogue: "${dialogue}"`] : [])];
  if (lines.length === 0) return prompt;
  const body = prompt.trimEnd();
  return body ? `${body}\n${lines.join("\n")}` : lines.join("\n");
}
