import type { Metadata } from "next";
import { SpendView } from "@/components/library/spend-view";
import { StudioHeader } from "@/components/studio/studio-header";

export const metadata: Metadata = { title: "Spend" };

export default function SpendPage() {
  return (
    <>
      <StudioHeader />
      <SpendView />
    </>
  );
}
