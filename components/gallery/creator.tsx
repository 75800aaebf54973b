import { Avatar } from "@/components/ui/avatar";
import type { PersonDTO } from "@/lib/activity/dto";

/** The maker's avatar on a card: their initials, "Made by <name>" on hover and for screen readers. */
export function CreatorAvatar({ person, className }: { person: PersonDTO | null; className?: string }) {
  if (!person) return null;
  return (
    <Avatar
      initials={person.initials}
      colorKey={person.id}
      label={`Made by ${person.name}`}
      size="sm"
      className={className}
    />
  );
}
