import type { RefObject } from "react";
import type { EditKind } from "@/lib/client/prompt-history";
import type { Edit, TextRange } from "@/lib/client/prompt-model";
import type { EditorSelection } from "./editor-dom";

/** What the prompt editor's parts share: its element, the live string and selection, and one way to edit. */
export interface EditorCore {
  root: RefObject<HTMLDivElement | null>;
  /** The prompt as of the last edit, ahead of React's next render. */
  value: RefObject<string>;
  lastSelection: RefObject<TextRange | null>;
  /** The caret right after the space an inserted tag brought along (punctuation typed there replaces it). */
  autoSpace: RefObject<number | null>;
  composing: RefObject<boolean>;
  /** The selection now, or where it last was when the editor is not focused. */
  selection(): EditorSelection;
  /** Shows the edit at once (DOM and caret) and reports it; `tagInserted` arms the trailing-space rule. */
  apply(edit: Edit, kind: EditKind, before: TextRange, tagInserted?: boolean): void;
}

/** Files carried by a paste or drop; each is checked (and refused with a reason) by the tray. */
export function filesOf(data: DataTransfer | null): File[] {
  return data ? Array.from(data.files) : [];
}
