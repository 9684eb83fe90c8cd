/**
 * Feature namespaces that arrive with their screens: a feature's `i18n.ts` registers its English strings
 * when its code loads (`registerNamespace('fees', feesText)` at the end of the module), so the strings
 * travel in the route's chunk instead of the sign-in page's. Every i18n instance (index.ts) adds each
 * registered namespace, those registered before it was created and those registered later. A module
 * that renders a namespace imports its feature's `i18n.ts` (for the `use<Feature>Text` hook), so the
 * strings are in before the first render. Hindi is one lazily loaded chunk of every namespace
 * (resources.hi.ts).
 *
 * No imports: a feature's `i18n.ts` imports this file, and must not pull the app's i18n into its chunk.
 */
type Bundle = Record<string, unknown>;
type Listener = (namespace: string, english: Bundle) => void;

const registered = new Map<string, Bundle>();
const listeners = new Set<Listener>();

export function registerNamespace(namespace: string, english: Bundle): void {
  if (registered.get(namespace) === english) return;
  registered.set(namespace, english);
  for (const listener of listeners) listener(namespace, english);
}

/** The English strings of `namespace` if its feature's code has loaded. */
export function registeredNamespace(namespace: string): Bundle | undefined {
  return registered.get(namespace);
}

/** Calls `listener` for every namespace registered so far and every one registered later. */
export function onNamespace(listener: Listener): void {
  for (const [namespace, english] of registered) listener(namespace, english);
  listeners.add(listener);
}
