import { StudioHeader } from "@/components/studio/studio-header";
import { Bone, Skeleton } from "@/components/ui/skeleton";

/**
 * Shown at once when a card is opened (the clip page reads its clip on the server first), so the click
 * answers even when the database is slow. Shaped like the clip page: title, badges, player, facts.
 */
export default function ClipLoading() {
  return (
    <>
      <StudioHeader />
      <Skeleton
        label="Loading the clip"
        className="mx-auto flex max-w-[1400px] flex-col gap-5 px-4 py-5 sm:px-6 sm:py-6 lg:px-8"
      >
        <Bone className="h-5 w-20" />
        <div className="flex flex-col gap-2.5">
          <Bone className="h-7 w-full max-w-2xl" />
          <div className="flex gap-2">
            <Bone className="h-6 w-24 rounded-full" />
            <Bone className="h-6 w-20 rounded-full" />
          </div>
        </div>
        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(320px,400px)] lg:gap-8">
          <Bone className="aspect-video w-full rounded-card" />
          <div className="flex flex-col gap-3 rounded-card border border-ink-700 bg-ink-900 p-4">
            <Bone className="h-4 w-1/3" />
            <Bone className="h-4 w-2/3" />
            <Bone className="h-4 w-1/2" />
            <Bone className="h-4 w-3/5" />
          </div>
        </div>
      </Skeleton>
    </>
  );
}
