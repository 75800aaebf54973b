import type { Metadata } from "next";
import { LibraryView } from "@/components/library/library-view";
import { StudioHeader } from "@/components/studio/studio-header";

export const metadata: Metadata = { title: "Character library" };

export default function LibraryPage() {
  return (
    <>
      <StudioHeader />
      <LibraryView />
    </>
  );
}
