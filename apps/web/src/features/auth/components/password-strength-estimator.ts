import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/**
 * zxcvbn-ts with its dictionaries is several hundred kilobytes: this module is only ever imported
 * dynamically (password-strength-meter.tsx), so it lands in its own chunk, fetched when a password field
 * for a new password first gets typed into.
 */
const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

/** 0 (guessable in a few tries) .. 4 (very hard to guess). */
export function estimateStrength(password: string, userInputs: string[]): 0 | 1 | 2 | 3 | 4 {
  return zxcvbn.check(password, userInputs).score;
}
