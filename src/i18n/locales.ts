export const LOCALES = ['nb', 'sv', 'da', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Maps a platform locale (`nb-NO`, `no`, `nn-NO`, `sv_SE`, `da-DK`, `en-GB`) to a supported one, or null. */
export function matchLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const lang = tag.toLowerCase().replace('_', '-').split('-')[0];
  switch (lang) {
    case 'nb':
    case 'no':
    case 'nn':
      return 'nb';
    case 'sv':
      return 'sv';
    case 'da':
      return 'da';
    case 'en':
      return 'en';
    default:
      return null;
  }
}
