/**
 * Fills ward-profile placeholders ({wardName}, {hotline}…) in answers, so the bundled content
 * stays the same for every ward and only the profile is edited.
 */
import type { WardProfile } from '../knowledge/schema.ts';

/** Replaces known placeholders; unknown ones are left visible so staff notice them. */
export function fillWardPlaceholders(text: string, ward: WardProfile): string {
  const values: Record<string, string | undefined> = {
    wardName: ward.name,
    province: ward.province,
    centreName: ward.centreName,
    address: ward.address,
    hotline: ward.hotline,
    email: ward.email,
    officeHours: ward.officeHours,
    website: ward.website,
    onlinePortalUrl: ward.onlinePortalUrl,
  };
  return text.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);
}
