// Builds one of each Intl formatter the screens use, then ends (intl-warm-up.ts says why).
export interface IntlWarmUp {
  locales: string[];
  /** undefined: the browser's own time zone. */
  timeZones: (string | undefined)[];
}

self.onmessage = (event: MessageEvent<IntlWarmUp>) => {
  const { locales, timeZones } = event.data;
  try {
    for (const locale of locales) {
      for (const timeZone of timeZones) {
        new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(0);
        new Intl.DateTimeFormat(locale, {
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          timeZone,
        }).format(0);
      }
      new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(0);
      new Intl.NumberFormat(locale, { style: 'currency', currency: 'INR' }).format(1);
      new Intl.NumberFormat(locale).format(1);
      new Intl.PluralRules(locale).select(1);
    }
  } finally {
    self.close();
  }
};
