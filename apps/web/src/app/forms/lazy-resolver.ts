import type { FieldValues, Resolver } from 'react-hook-form';
import type { ZodType, ZodTypeDef } from 'zod';

/** A form's zod resolver that also offers to fetch its code ahead of the first validation. */
export type LazyResolver<Input extends FieldValues, Output> = Resolver<Input, unknown, Output> & {
  /** Starts fetching zod, the resolver and the schema (e.g. when the form mounts); safe to call often. */
  preload: () => Promise<unknown>;
};

/**
 * The one way a form gets its zod validation: zod, @hookform/resolvers and the schema's module are
 * fetched by import() when the form first validates, not with the screen (issue 18: each screen's first
 * load within 300 KB). The resolver is the same zodResolver(schema) as before, awaited once then called;
 * react-hook-form awaits every resolver anyway, so the form validates, shows its messages and submits as
 * it did. Create it once per schema (module level, or useMemo on the schema's arguments): the loaded
 * resolver is kept in it. A failed fetch is tried again at the next validation.
 *
 *   const resolver = lazyZodResolver(async () => (await import('../schemas/role.schema')).createRoleSchema);
 */
export function lazyZodResolver<Input extends FieldValues, Output = Input>(
  loadSchema: () => Promise<ZodType<Output, ZodTypeDef, Input>>,
): LazyResolver<Input, Output> {
  let loading: Promise<Resolver<Input, unknown, Output>> | undefined;
  const load = () => {
    loading ??= Promise.all([import('@hookform/resolvers/zod'), loadSchema()]).then(
      ([{ zodResolver }, schema]) => zodResolver(schema) as Resolver<Input, unknown, Output>,
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  const resolver: Resolver<Input, unknown, Output> = async (values, context, options) =>
    (await load())(values, context, options);
  return Object.assign(resolver, { preload: load });
}
