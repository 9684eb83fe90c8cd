import type { UpdateInstitutionProfile } from '@shala/contracts';

/** The demo schools' letterheads: realistic Indian addresses (fictional), contact, receipt footer, crest colour. */
export const DEMO_PROFILES: Record<
  string,
  { profile: UpdateInstitutionProfile; initials: string; colour: [number, number, number] }
> = {
  greenwood: {
    initials: 'GW',
    colour: [27, 94, 32],
    profile: {
      addressLine1: '14, 4th Cross, HAL 2nd Stage',
      addressLine2: 'Indiranagar',
      city: 'Bengaluru',
      state: 'Karnataka',
      postalCode: '560038',
      phone: '+91 80 2521 4400',
      email: 'office@greenwood.test',
      website: 'https://greenwood.test',
      receiptFooter: 'Fees once paid are not refundable. Please keep this receipt for your records.',
    },
  },
  riverside: {
    initials: 'RS',
    colour: [21, 101, 192],
    profile: {
      addressLine1: 'Plot 7, Sector 21',
      addressLine2: 'Near Kharghar Railway Station',
      city: 'Navi Mumbai',
      state: 'Maharashtra',
      postalCode: '410210',
      phone: '+91 22 2774 1200',
      email: 'accounts@riverside.test',
      website: 'https://riverside.test',
      receiptFooter: 'Cheques are subject to realisation. Fees are not refundable or transferable.',
    },
  },
};
