/**
 * The shape a translation of an English catalogue must have: every key of `T`, nested the same way, each
 * leaf a string. `features/<f>/i18n.hi.ts` exports `const <f>TextHi: Translation<typeof <f>Text>`, so a key
 * added in English and missing in Hindi (or the reverse) is a compile error; i18n.test.ts checks the same at
 * run time over every namespace.
 */
export type Translation<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]>;
};
