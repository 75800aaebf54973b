"use client";

import { createContext, use } from "react";
import { clipHref } from "@/lib/client/clip-nav";

/**
 * The gallery view the cards below are shown in, as the gallery's query string ("" for every clip). A
 * card's link carries it to the clip's page, whose Previous and Next then walk the same view.
 */
export const GalleryViewContext = createContext("");

/** A card's link: the clip's page, in the gallery view around it. */
export function useClipHref(id: string): string {
  return clipHref(id, use(GalleryViewContext));
}
