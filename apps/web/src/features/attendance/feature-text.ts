import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Dotted paths to the strings of a nested resource object: 'marking.save'. */
export type TextKey<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : TextKey<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type TextFn<R> = (key: TextKey<R>, vars?: Record<string, unknown>) => string;

/**
 * A feature's own English strings, registered as their own i18next namespace on first use, so a feature
 * keeps its text beside its code instead of in the shared en.ts. Keys are checked against the resources.
 */
export function useFeatureText<R extends object>(namespace: string, resources: R): TextFn<R> {
  const { i18n } = useTranslation();
  if (!i18n.hasResourceBundle('en', namespace)) {
    i18n.addResourceBundle('en', namespace, resources, true, true);
  }
  return useMemo(() => {
    // i18next's typed t() knows only the shared namespace; this namespace's keys are checked by TextKey.
    const translate = i18n.t.bind(i18n) as unknown as (
      key: string,
      options: Record<string, unknown>,
    ) => string;
    return (key, vars) => translate(key, { ...vars, ns: namespace });
  }, [i18n, namespace]);
}
