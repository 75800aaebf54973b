/** The drag type a reference tile carries (its key): tiles reorder on it, the prompt inserts its tag. */
export const REFERENCE_DRAG_TYPE = "application/x-omni-reference";
