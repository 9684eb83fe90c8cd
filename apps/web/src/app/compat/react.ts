import compat from 'preact/compat';
import type { ComponentChild } from 'preact';

// @ts-expect-error -- compat's types say `export =` (for TypeScript's React types); its module has named exports.
export * from 'preact/compat';

type Props = Record<string, unknown>;
type RenderWithRef = ((props: Props, ref: unknown) => ComponentChild) & { displayName?: string };

/**
 * preact/compat's forwardRef with the same contract, minus a cost every Mantine component paid on every
 * render: compat copies the props and then deletes `ref` from the copy, and V8 turns an object that had a
 * property deleted into a slow dictionary, so each later read of those props (Mantine's useProps,
 * style-prop and filter helpers) was a hash lookup. Props without a ref (most of them) go through as they
 * are, as React passes them; a ref is left out by object rest, which builds a fast object. In traces of
 * the register's first render (4x CPU slowdown) compat's wrapper alone was 18-35 ms of each long task.
 */
export function forwardRef(render: RenderWithRef) {
  function Forwarded(props: Props) {
    if (!('ref' in props)) return render(props, null);
    const { ref, ...rest } = props;
    return render(rest, ref ?? null);
  }
  // What compat sets, for the libraries that look (mobx-react reads render and $$typeof).
  Forwarded.$$typeof = Symbol.for('react.forward_ref');
  Forwarded.render = render;
  (Forwarded.prototype as { isReactComponent?: boolean }).isReactComponent = true;
  Forwarded.displayName = `ForwardRef(${render.displayName || render.name})`;
  return Forwarded;
}

/** `import React from 'react'`: compat's default export, with the forwardRef above. */
export default { ...compat, forwardRef };
